import { TokenRotation, TokenState } from './TokenRotation';
import { planRefresh, DEFAULT_REFRESH_SETTINGS } from './refreshSchedule';
import { LuigiToken, LuigiTokenSourceApi } from './tokenSource';

const settings = { marginMs: 30_000, maxIntervalMs: 300_000, minIntervalMs: 2_000 };

function sourceReturning(tokens: Array<LuigiToken | Error | undefined>): LuigiTokenSourceApi & { calls: number } {
  const source = {
    calls: 0,
    async getToken() {
      const next = tokens[Math.min(source.calls, tokens.length - 1)];
      source.calls++;
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return source;
}

describe('planRefresh', () => {
  it('refreshes the margin before exp, bounded by the min and max intervals', () => {
    expect(planRefresh(100_000, 0, settings).delayMs).toBe(70_000);
    expect(planRefresh(10_000, 0, settings).delayMs).toBe(2_000);
    expect(planRefresh(10_000_000, 0, settings).delayMs).toBe(300_000);
    expect(planRefresh(undefined, 0, DEFAULT_REFRESH_SETTINGS).delayMs).toBe(300_000);
  });
});

describe('TokenRotation', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  async function flush() {
    await Promise.resolve();
    await Promise.resolve();
  }

  it('hands out a new token shortly before the old one expires', async () => {
    const states: TokenState[] = [];
    const source = sourceReturning([
      { token: 'first', expiresAt: 60_000 },
      { token: 'second', expiresAt: 120_000 },
    ]);
    const rotation = new TokenRotation(source, s => states.push(s), settings);
    rotation.start();
    await flush();
    expect(states.map(s => s.token?.token)).toEqual(['first']);

    await jest.advanceTimersByTimeAsync(29_000);
    expect(source.calls).toBe(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(states.map(s => s.token?.token)).toEqual(['first', 'second']);
    rotation.stop();
  });

  it('reports a failed refresh as missing, never keeps serving the old token', async () => {
    const states: TokenState[] = [];
    const source = sourceReturning([{ token: 'first', expiresAt: 60_000 }, new Error('refresh refused')]);
    const rotation = new TokenRotation(source, s => states.push(s), settings);
    rotation.start();
    await flush();
    await jest.advanceTimersByTimeAsync(30_000);
    expect(states[1]).toEqual({ status: 'missing', error: new Error('refresh refused') });
    expect(states[1].token).toBeUndefined();
    rotation.stop();
  });

  it('reports expired when the source keeps returning a token past its exp', async () => {
    const states: TokenState[] = [];
    const source = sourceReturning([{ token: 'stale', expiresAt: 60_000 }]);
    const rotation = new TokenRotation(source, s => states.push(s), settings);
    rotation.start();
    await flush();
    await jest.advanceTimersByTimeAsync(61_000);
    expect(states.map(s => s.status)).toEqual(['valid', 'expired']);
    expect(states[1].token).toBeUndefined();
    rotation.stop();
  });

  it('drops the token at once when the source signals sign-out', async () => {
    const states: TokenState[] = [];
    let signOut: () => void = () => {};
    const source = {
      ...sourceReturning([{ token: 'first', expiresAt: 60_000 }]),
      onSignOut(listener: () => void) {
        signOut = listener;
        return () => {};
      },
    };
    const rotation = new TokenRotation(source, s => states.push(s), settings);
    rotation.start();
    await flush();
    signOut();
    expect(states.map(s => s.status)).toEqual(['valid', 'missing']);
    rotation.stop();
  });

  it('reports nothing after stop', async () => {
    const states: TokenState[] = [];
    const source = sourceReturning([{ token: 'a', expiresAt: 60_000 }, { token: 'b', expiresAt: 120_000 }]);
    const rotation = new TokenRotation(source, s => states.push(s), settings);
    rotation.start();
    await flush();
    rotation.stop();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(states).toHaveLength(1);
    expect(source.calls).toBe(1);
  });
});

describe('TokenRotation first answer', () => {
  it('reports a missing token even when it is the very first answer', async () => {
    const states: TokenState[] = [];
    const rotation = new TokenRotation(sourceReturning([undefined]), s => states.push(s), settings);
    rotation.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(states).toEqual([{ status: 'missing' }]);
    rotation.stop();
  });
});
