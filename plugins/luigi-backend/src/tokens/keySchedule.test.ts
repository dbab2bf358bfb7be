import { CLOCK_SKEW_MS, KEY_CACHE_MS, KEY_PUBLICATION_DELAY_MS, planKeys } from './keySchedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const timing = { keyRotationMs: HOUR, tokenLifetimeMs: 5 * MINUTE };
const T0 = Date.parse('2026-12-01T10:00:00Z');
const key = (kid: string, createdAt: number) => ({ kid, createdAt });

describe('planKeys', () => {
  it('asks for a first key when there is none, and has nothing to sign with yet', () => {
    expect(planKeys([], T0, timing)).toEqual({ published: [], expired: [], signing: undefined, rotationDue: true });
  });

  it('signs with the very first key at once, and publishes it', () => {
    const first = key('a', T0);
    expect(planKeys([first], T0, timing)).toEqual({
      published: [first],
      expired: [],
      signing: first,
      rotationDue: false,
    });
  });

  it('asks for a new key once the newest is as old as the rotation interval', () => {
    expect(planKeys([key('a', T0)], T0 + HOUR - 1, timing).rotationDue).toBe(false);
    expect(planKeys([key('a', T0)], T0 + HOUR, timing).rotationDue).toBe(true);
  });

  it('publishes a new key before it signs, then signs with it', () => {
    const [old, next] = [key('old', T0), key('next', T0 + HOUR)];
    const before = planKeys([next, old], T0 + HOUR + KEY_PUBLICATION_DELAY_MS - 1, timing);
    expect(before.published).toEqual([old, next]);
    expect(before.signing).toBe(old);
    const after = planKeys([next, old], T0 + HOUR + KEY_PUBLICATION_DELAY_MS, timing);
    expect(after.published).toEqual([old, next]);
    expect(after.signing).toBe(next);
  });

  it('keeps the old key published until its last token has expired, then drops it', () => {
    const [old, next] = [key('old', T0), key('next', T0 + HOUR)];
    const lastToken = T0 + HOUR + KEY_PUBLICATION_DELAY_MS + KEY_CACHE_MS;
    const dropAt = lastToken + timing.tokenLifetimeMs + CLOCK_SKEW_MS;
    expect(planKeys([old, next], dropAt - 1, timing)).toMatchObject({ published: [old, next], expired: [] });
    expect(planKeys([old, next], dropAt, timing)).toMatchObject({ published: [next], expired: [old], signing: next });
  });

  it('keeps a long-unused key signing until its successor takes over (lazy rotation)', () => {
    // Nobody asked for a token for a day: the old key still signs while the new one is being published.
    const [old, next] = [key('old', T0), key('next', T0 + 24 * HOUR)];
    const plan = planKeys([old, next], T0 + 24 * HOUR + MINUTE, timing);
    expect(plan).toMatchObject({ published: [old, next], expired: [], signing: old, rotationDue: false });
  });

  it('lets replicas that created keys at the same time agree on one', () => {
    const [a, b] = [key('b', T0), key('a', T0)];
    expect(planKeys([a, b], T0 + 1, timing).signing).toEqual(key('a', T0));
    expect(planKeys([b, a], T0 + 1, timing).signing).toEqual(key('a', T0));
    expect(planKeys([a, b], T0 + 1, timing).published).toHaveLength(2);
  });
});
