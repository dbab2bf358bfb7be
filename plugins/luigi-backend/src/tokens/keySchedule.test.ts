import { CLOCK_SKEW_MS, KEY_CACHE_MS, KEY_PUBLICATION_DELAY_MS, planKeys } from './keySchedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const timing = { keyRotationMs: HOUR, tokenLifetimeMs: 5 * MINUTE };
const T0 = Date.parse('2026-12-01T10:00:00Z');
const key = (kid: string, createdAt: number) => ({ kid, createdAt });
/** A key whose private half this replica cannot decrypt. */
const locked = (kid: string, createdAt: number) => ({ kid, createdAt, canSign: false });

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

  describe('a key that cannot sign here (its private half cannot be decrypted)', () => {
    it('is published, never signs, and asks for a new key when it is the only one', () => {
      const old = locked('old', T0);
      expect(planKeys([old], T0 + MINUTE, timing)).toEqual({
        published: [old],
        expired: [],
        signing: undefined,
        unusable: old,
        rotationDue: true,
      });
    });

    it('is replaced at once by the new key, before that has been published long enough', () => {
      const [old, next] = [locked('old', T0), key('next', T0 + MINUTE)];
      const plan = planKeys([old, next], T0 + MINUTE, timing);
      expect(plan).toEqual({ published: [old, next], expired: [], signing: next, unusable: old, rotationDue: false });
      // Until the new key would have taken over anyway, and after.
      const takeover = T0 + MINUTE + KEY_PUBLICATION_DELAY_MS;
      expect(planKeys([old, next], takeover - 1, timing)).toMatchObject({ signing: next, unusable: old });
      expect(planKeys([old, next], takeover, timing)).toMatchObject({ signing: next });
      expect(planKeys([old, next], takeover, timing).unusable).toBeUndefined();
    });

    it('stays published until its last token may have expired, as any replaced key', () => {
      const [old, next] = [locked('old', T0), key('next', T0 + MINUTE)];
      const dropAt = T0 + MINUTE + KEY_PUBLICATION_DELAY_MS + KEY_CACHE_MS + timing.tokenLifetimeMs + CLOCK_SKEW_MS;
      expect(planKeys([old, next], dropAt - 1, timing).published).toEqual([old, next]);
      expect(planKeys([old, next], dropAt, timing)).toMatchObject({ published: [next], expired: [old] });
    });

    it('asks for a new key when the newest cannot sign either', () => {
      const [old, next] = [locked('old', T0), locked('next', T0 + MINUTE)];
      expect(planKeys([old, next], T0 + 2 * MINUTE, timing)).toMatchObject({
        published: [old, next],
        signing: undefined,
        unusable: old,
        rotationDue: true,
      });
    });

    it('falls back to the newest key only, never to an older one whose tokens could outlive its publication', () => {
      // Replicas with different secrets: this one cannot use the newest key, which is due to sign.
      const [old, next] = [key('old', T0), locked('next', T0 + HOUR)];
      const plan = planKeys([old, next], T0 + HOUR + KEY_PUBLICATION_DELAY_MS, timing);
      expect(plan).toMatchObject({ signing: undefined, unusable: next, rotationDue: true });
    });

    it('changes nothing while the key due to sign can', () => {
      // The new key cannot sign here, but it does not sign yet: the old one still does.
      const [old, next] = [key('old', T0), locked('next', T0 + HOUR)];
      const plan = planKeys([old, next], T0 + HOUR + 1, timing);
      expect(plan).toEqual({ published: [old, next], expired: [], signing: old, rotationDue: false });
    });
  });
});
