import { MicroAppTokens } from './MicroAppTokens';
import { TokenState } from './TokenRotation';
import { LuigiToken } from './tokenSource';

const settings = { marginMs: 30_000, maxIntervalMs: 300_000, minIntervalMs: 2_000 };
const ORDERS = 'component:default/orders';
const BILLING = 'component:default/billing';

/** A backend that issues `<ref>#<n>` tokens valid for `lifetimeMs`, or refuses with `refuse`. */
function backend(lifetimeMs = 300_000, refuse?: (ref: string) => Error | undefined) {
  const issued: string[] = [];
  const issue = async (entityRef: string): Promise<LuigiToken> => {
    const refusal = refuse?.(entityRef);
    if (refusal) throw refusal;
    issued.push(entityRef);
    return { token: `${entityRef}#${issued.length}`, expiresAt: Date.now() + lifetimeMs };
  };
  return { issue, issued };
}

async function flush() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('MicroAppTokens', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it("gives each entity its own token, asking the backend once however many frames ask", async () => {
    const { issue, issued } = backend();
    const changes: Array<[string, TokenState]> = [];
    const tokens = new MicroAppTokens(issue, (ref, state) => changes.push([ref, state]) > 0, settings);
    const [a, b, c] = await Promise.all([tokens.ensure(ORDERS), tokens.ensure(ORDERS), tokens.ensure(BILLING)]);
    expect(a.token?.token).toBe(`${ORDERS}#1`);
    expect(b).toBe(a);
    expect(c.token?.token).toBe(`${BILLING}#2`);
    expect(issued).toEqual([ORDERS, BILLING]);
    expect(tokens.current(ORDERS)).toEqual({ accessToken: `${ORDERS}#1`, accessTokenExpirationDate: 300_000 });
    expect(tokens.current(BILLING)?.accessToken).toBe(`${BILLING}#2`);
    expect(changes.map(([ref]) => ref)).toEqual([ORDERS, BILLING]);
    tokens.stop();
  });

  it("renews an entity's token before it expires, while a frame of it is open", async () => {
    const { issue } = backend(60_000);
    const changes: string[] = [];
    const tokens = new MicroAppTokens(issue, (_ref, state) => changes.push(state.token!.token) > 0, settings);
    await tokens.ensure(ORDERS);
    // 60 s tokens, refreshed 30 s before expiry.
    jest.advanceTimersByTime(29_999);
    await flush();
    expect(changes).toEqual([`${ORDERS}#1`]);
    jest.advanceTimersByTime(1);
    await flush();
    expect(changes).toEqual([`${ORDERS}#1`, `${ORDERS}#2`]);
    expect(tokens.current(ORDERS)?.accessToken).toBe(`${ORDERS}#2`);
    tokens.stop();
  });

  it('stops renewing and forgets the token once no frame of the entity is open', async () => {
    const { issue, issued } = backend(60_000);
    let open = true;
    const tokens = new MicroAppTokens(issue, () => open, settings);
    await tokens.ensure(ORDERS);
    open = false;
    jest.advanceTimersByTime(30_000);
    await flush();
    expect(tokens.current(ORDERS)).toBeUndefined();
    expect(tokens.answered(ORDERS)).toBe(false);
    jest.advanceTimersByTime(600_000);
    await flush();
    expect(issued).toEqual([ORDERS, ORDERS]);
    tokens.stop();
  });

  it('reports a refusal as a missing token with the reason, and hands out nothing', async () => {
    const { issue } = backend(60_000, ref => (ref === BILLING ? new Error('403: may not open it') : undefined));
    const changes: TokenState[] = [];
    const tokens = new MicroAppTokens(issue, (_ref, state) => changes.push(state) > 0, settings);
    const state = await tokens.ensure(BILLING);
    expect(state).toEqual({ status: 'missing', error: new Error('403: may not open it') });
    expect(tokens.answered(BILLING)).toBe(true);
    expect(tokens.current(BILLING)).toBeUndefined();
    tokens.stop();
  });

  it('while paused (no valid session) drops every token and issues none', async () => {
    const { issue, issued } = backend();
    const tokens = new MicroAppTokens(issue, () => true, settings);
    await tokens.ensure(ORDERS);
    tokens.pause();
    expect(tokens.current(ORDERS)).toBeUndefined();
    expect(await tokens.ensure(ORDERS)).toEqual({ status: 'missing' });
    expect(issued).toEqual([ORDERS]);
    tokens.resume();
    expect((await tokens.ensure(ORDERS)).token?.token).toBe(`${ORDERS}#2`);
    tokens.stop();
    expect(await tokens.ensure(ORDERS)).toEqual({ status: 'missing' });
  });

  it('a new set paused until its session is known makes a frame wait for its token, not go without', async () => {
    const { issue, issued } = backend();
    const tokens = new MicroAppTokens(issue, () => true, settings);
    // As the page does on entering a tenant: paused until the session says the user is signed in.
    tokens.pause();
    let answer: unknown;
    const asked = tokens.ensure(ORDERS).then(state => (answer = state));
    await flush();
    expect(answer).toBeUndefined();
    expect(issued).toEqual([]);
    tokens.resume();
    await asked;
    expect((answer as { token?: { token: string } }).token?.token).toBe(`${ORDERS}#1`);
    tokens.stop();
  });

  it('asks for the first token of an entity to open it, and for every later one to refresh it', async () => {
    const purposes: string[] = [];
    const heard: string[] = [];
    let n = 0;
    const issue = async (entityRef: string, purpose: string): Promise<LuigiToken> => {
      purposes.push(purpose);
      return { token: `${entityRef}#${++n}`, expiresAt: Date.now() + 60_000 };
    };
    const tokens = new MicroAppTokens(issue, (_ref, _state, purpose) => heard.push(purpose) > 0, settings);
    await tokens.ensure(ORDERS);
    jest.advanceTimersByTime(30_000);
    await flush();
    expect(purposes).toEqual(['open', 'refresh']);
    expect(heard).toEqual(['open', 'refresh']);

    // A lapsed session closes no frame: the token of an app still open is renewed, not opened again.
    tokens.pause();
    tokens.resume(new Set([ORDERS]));
    await tokens.ensure(ORDERS);
    expect(purposes.at(-1)).toBe('refresh');

    // Another tenant, or an app no longer open: the next token opens it again.
    tokens.clear();
    await tokens.ensure(ORDERS);
    expect(purposes.at(-1)).toBe('open');
    tokens.pause();
    tokens.resume(new Set());
    await tokens.ensure(ORDERS);
    expect(purposes.at(-1)).toBe('open');
    tokens.stop();
  });

  it('keeps asking to open an entity whose first token was refused', async () => {
    const purposes: string[] = [];
    const issue = async (_entityRef: string, purpose: string): Promise<LuigiToken> => {
      purposes.push(purpose);
      throw new Error('403');
    };
    const tokens = new MicroAppTokens(issue, () => true, settings);
    await tokens.ensure(ORDERS);
    jest.advanceTimersByTime(300_000);
    await flush();
    expect(purposes).toEqual(['open', 'open']);
    tokens.stop();
  });
});
