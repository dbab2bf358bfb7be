import { waitFor } from '@testing-library/react';
import { FrameTokenProvider, FrameTokens } from './frameTokens';

const ORDERS = 'component:default/orders';
const BILLING = 'component:default/billing';

/** A frame Luigi would have created for an entity's node, at a registered URL. */
function frameFor(entityRef: string, url: string, guard: FrameTokens): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.src = url;
  document.body.appendChild(frame);
  guard.frameCreated(frame, { context: { entity: { ref: entityRef } } });
  return frame;
}

function messageFrom(frame: HTMLIFrameElement, data: object): MessageEvent {
  return new MessageEvent('message', { data, origin: new URL(frame.src).origin, source: frame.contentWindow });
}

function provider(tokens: Record<string, string>, pending: Set<string> = new Set()) {
  const waiting: Array<() => void> = [];
  const p: FrameTokenProvider & { answer(ref: string): void } = {
    current: ref => (tokens[ref] && !pending.has(ref) ? { accessToken: tokens[ref] } : undefined),
    answered: ref => !pending.has(ref),
    ensure: ref =>
      pending.has(ref) ? new Promise<void>(resolve => waiting.push(resolve)) : Promise.resolve(),
    answer(ref) {
      pending.delete(ref);
      waiting.splice(0).forEach(resolve => resolve());
    },
  };
  return p;
}

describe('FrameTokens', () => {
  let guard: FrameTokens;
  let store: { data?: object; setAuthData: jest.Mock; removeAuthData: jest.Mock };
  /** What Luigi's own (later, bubbling) listener sees: the message and the store at that moment. */
  let luigiSaw: Array<{ msg: string; authData?: object }>;
  /** The token fields the engine would give each entity's context now. */
  let tokensNow: Record<string, string | undefined>;
  const luigiListener = (event: MessageEvent) => luigiSaw.push({ msg: event.data.msg, authData: store.data });

  beforeEach(() => {
    luigiSaw = [];
    tokensNow = {};
    store = {
      setAuthData: jest.fn((data: object) => void (store.data = data)),
      removeAuthData: jest.fn(() => void (store.data = undefined)),
    };
    guard = new FrameTokens(
      () => Array.from(document.querySelectorAll('iframe')),
      ref => ({ token: tokensNow[ref] }),
    );
    guard.install(store);
    window.addEventListener('message', luigiListener);
  });

  afterEach(() => {
    window.removeEventListener('message', luigiListener);
    document.body.innerHTML = '';
  });

  it('never lets a frame push a token (or an empty one) through Luigi to other frames', () => {
    guard.setProvider(provider({ [ORDERS]: 'orders-token' }));
    const frame = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    window.dispatchEvent(messageFrom(frame, { msg: 'luigi.auth.tokenIssued', authData: { accessToken: 'forged' } }));
    window.dispatchEvent(messageFrom(frame, { msg: 'luigi.auth.tokenIssued', authData: {} }));
    expect(luigiSaw).toEqual([]);
    // Other messages of the frame reach Luigi as before.
    window.dispatchEvent(messageFrom(frame, { msg: 'luigi.navigation.open' }));
    expect(luigiSaw.map(seen => seen.msg)).toEqual(['luigi.navigation.open']);
  });

  it("puts each frame's own token in Luigi's store just when Luigi answers its context request", () => {
    guard.setProvider(provider({ [ORDERS]: 'orders-token', [BILLING]: 'billing-token' }));
    const orders = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    const billing = frameFor(BILLING, 'https://apps.example.com/billing/', guard);
    window.dispatchEvent(messageFrom(orders, { msg: 'luigi.get-context' }));
    window.dispatchEvent(messageFrom(billing, { msg: 'luigi.get-context' }));
    expect(luigiSaw).toEqual([
      { msg: 'luigi.get-context', authData: { accessToken: 'orders-token' } },
      { msg: 'luigi.get-context', authData: { accessToken: 'billing-token' } },
    ]);
  });

  it('gives no token to a frame whose entity is unknown or refused', () => {
    guard.setProvider(provider({ [ORDERS]: 'orders-token' }));
    const orders = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    window.dispatchEvent(messageFrom(orders, { msg: 'luigi.get-context' }));
    const billing = frameFor(BILLING, 'https://apps.example.com/billing/', guard);
    window.dispatchEvent(messageFrom(billing, { msg: 'luigi.get-context' }));
    expect(luigiSaw[1]).toEqual({ msg: 'luigi.get-context', authData: undefined });
  });

  it('answers nothing, and asks for no token, when a frame asks from another origin than its own', () => {
    const tokens = provider({ [ORDERS]: 'orders-token' }, new Set([ORDERS]));
    const ensure = jest.spyOn(tokens, 'ensure');
    guard.setProvider(tokens);
    const orders = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    // The frame navigated itself to another origin, which now asks for the context.
    window.dispatchEvent(
      new MessageEvent('message', { data: { msg: 'luigi.get-context' }, origin: 'https://evil.example.net', source: orders.contentWindow }),
    );
    expect(luigiSaw).toEqual([]);
    expect(ensure).not.toHaveBeenCalled();
  });

  it('holds a context request until the backend answered, then hands it to Luigi with the token', async () => {
    const tokens = provider({ [ORDERS]: 'orders-token' }, new Set([ORDERS]));
    guard.setProvider(tokens);
    const orders = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    window.dispatchEvent(messageFrom(orders, { msg: 'luigi.get-context', clientVersion: '2.31.0' }));
    expect(luigiSaw).toEqual([]);
    tokens.answer(ORDERS);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(luigiSaw).toEqual([{ msg: 'luigi.get-context', authData: { accessToken: 'orders-token' } }]);
  });

  it('drops a held request whose frame is gone meanwhile', async () => {
    const tokens = provider({ [ORDERS]: 'orders-token' }, new Set([ORDERS]));
    guard.setProvider(tokens);
    const orders = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    window.dispatchEvent(messageFrom(orders, { msg: 'luigi.get-context' }));
    orders.remove();
    tokens.answer(ORDERS);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(luigiSaw).toEqual([]);
  });

  it("sends a renewed token to the entity's frames only, at their registered origin", () => {
    guard.setProvider(provider({}));
    const orders = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    const stock = frameFor(ORDERS, 'https://stock.example.com/view', guard);
    const billing = frameFor(BILLING, 'https://apps.example.com/billing/', guard);
    // Luigi answered each frame's handshake (their documents are at their origins).
    for (const frame of [orders, stock, billing]) (frame as any).luigi = { _lastUpdatedMessage: {} };
    const posts = [orders, stock, billing].map(frame => jest.spyOn(frame.contentWindow!, 'postMessage').mockImplementation(() => {}));
    expect(guard.deliver(ORDERS, { accessToken: 'orders-2' }, { token: 'orders-2' })).toBe(true);
    expect(posts[0]).toHaveBeenCalledWith(
      { msg: 'luigi.auth.tokenIssued', authData: { accessToken: 'orders-2' } },
      'https://apps.example.com',
    );
    expect(posts[1]).toHaveBeenCalledWith(expect.anything(), 'https://stock.example.com');
    expect(posts[2]).not.toHaveBeenCalled();
    // Taking it away sends an empty one, which Luigi client takes as "no token".
    guard.deliver(ORDERS, undefined, { token: undefined });
    expect(posts[0]).toHaveBeenCalledWith({ msg: 'luigi.auth.tokenIssued', authData: {} }, 'https://apps.example.com');
    expect(guard.openEntities()).toEqual(new Set([ORDERS, BILLING]));
    billing.remove();
    expect(guard.deliver(BILLING, { accessToken: 'b' }, {})).toBe(false);
  });

  it('posts nothing to a frame Luigi has not answered yet: it may still show its blank first document', () => {
    guard.setProvider(provider({}));
    const orders = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    const post = jest.spyOn(orders.contentWindow!, 'postMessage').mockImplementation(() => {});
    // Still open, so the token is still wanted; it reaches the frame with its luigi.init.
    expect(guard.deliver(ORDERS, { accessToken: 'orders-1' }, { token: 'orders-1' })).toBe(true);
    expect(post).not.toHaveBeenCalled();
  });

  it('brings a context Luigi computed before the token arrived up to date once Luigi answered the frame', async () => {
    const tokens = provider({ [ORDERS]: 'orders-token' }, new Set([ORDERS]));
    guard.setProvider(tokens);
    const orders = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    const post = jest.spyOn(orders.contentWindow!, 'postMessage').mockImplementation(() => {});
    // Luigi answers with the context it computed when it routed: no token yet.
    const luigiAnswers = () => {
      (orders as any).luigi = { _lastUpdatedMessage: { context: JSON.stringify({ entity: { ref: ORDERS } }) } };
    };
    window.addEventListener('message', luigiAnswers);
    try {
      window.dispatchEvent(messageFrom(orders, { msg: 'luigi.get-context' }));
      tokensNow[ORDERS] = 'orders-token';
      tokens.answer(ORDERS);
      // The held request is released, Luigi answers, then the guard updates the context.
      await waitFor(() => expect(post.mock.calls.some(call => (call[0] as any).msg === 'luigi.navigate')).toBe(true));
    } finally {
      window.removeEventListener('message', luigiAnswers);
    }
    const update = post.mock.calls.map(call => call[0] as any).find(message => message.msg === 'luigi.navigate');
    expect(JSON.parse(update.context)).toEqual({ entity: { ref: ORDERS }, token: 'orders-token' });
    expect(post).toHaveBeenCalledWith(update, 'https://apps.example.com');
  });

  it("updates the token in the context of a frame Luigi initialized, keeping the rest of its context", () => {
    guard.setProvider(provider({}));
    const orders = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    // What Luigi core keeps of the frame's luigi.init.
    (orders as any).luigi = {
      pathParams: { id: '7' },
      _lastUpdatedMessage: {
        context: JSON.stringify({ entity: { ref: ORDERS }, token: 'orders-1', tokenStatus: 'valid' }),
        nodeParams: '{"tab":"a"}',
        searchParams: '{}',
        internal: JSON.stringify({ currentLocale: 'en' }),
      },
    };
    const post = jest.spyOn(orders.contentWindow!, 'postMessage').mockImplementation(() => {});
    guard.deliver(ORDERS, { accessToken: 'orders-2' }, { token: 'orders-2', tokenStatus: 'valid' });
    const update = post.mock.calls.map(call => call[0] as any).find(message => message.msg === 'luigi.navigate');
    expect(update).toEqual({
      msg: 'luigi.navigate',
      context: JSON.stringify({ entity: { ref: ORDERS }, token: 'orders-2', tokenStatus: 'valid' }),
      nodeParams: '{"tab":"a"}',
      pathParams: '{"id":"7"}',
      searchParams: '{}',
      internal: { currentLocale: 'en' },
    });
    expect(update.viewUrl).toBeUndefined();
    post.mockClear();
    guard.deliver(ORDERS, undefined, { token: undefined, tokenStatus: 'missing' });
    const taken = post.mock.calls.map(call => call[0] as any).find(message => message.msg === 'luigi.navigate');
    expect(JSON.parse(taken.context)).toEqual({ entity: { ref: ORDERS }, tokenStatus: 'missing' });
  });

  it('lets the host itself and the shared token mode work as before', () => {
    const orders = frameFor(ORDERS, 'https://apps.example.com/orders/', guard);
    window.dispatchEvent(new MessageEvent('message', { data: { msg: 'luigi.auth.tokenIssued' }, source: window }));
    window.dispatchEvent(messageFrom(orders, { msg: 'luigi.get-context' }));
    expect(luigiSaw.map(seen => seen.msg)).toEqual(['luigi.auth.tokenIssued', 'luigi.get-context']);
    expect(store.setAuthData).not.toHaveBeenCalled();
  });
});
