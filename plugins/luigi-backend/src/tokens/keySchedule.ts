/**
 * When signing keys are used, published and deleted. Pure: the store applies the plan it returns.
 *
 * A new key is published before it signs anything, so a micro app whose cached key set (HTTP cache,
 * jose's remote JWKS cache) predates the key refetches a set that already holds it. A key stays
 * published until the last token it may have signed has expired.
 */

/** How long a new key is published before it signs: JWKS `max-age` (60 s) + jose's refetch cooldown (30 s) + slack. */
export const KEY_PUBLICATION_DELAY_MS = 2 * 60_000;

/** How long one replica works from what it read of the key table. */
export const KEY_CACHE_MS = 10_000;

/** Tolerated clock difference between replicas (and the micro apps verifying). */
export const CLOCK_SKEW_MS = 60_000;

/** The timing settings a plan depends on, in milliseconds. */
export interface KeyTiming {
  keyRotationMs: number;
  tokenLifetimeMs: number;
}

/** What a plan needs to know of a key. */
export interface ScheduledKey {
  kid: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /**
   * False when this replica cannot sign with the key (its private half cannot be decrypted here): it
   * is still published, since tokens it signed may be live, but never signs. Absent: it can sign.
   */
  canSign?: boolean;
}

/** What to do with the keys of the table, at one instant. */
export interface KeyPlan<K extends ScheduledKey> {
  /** Keys to publish: the ones that sign now or soon, and those whose tokens may still be live. Oldest first. */
  published: K[];
  /** Keys no live token can have been signed with: delete them. */
  expired: K[];
  /** The key to sign with now; none when there is no key that can sign. */
  signing: K | undefined;
  /**
   * The key the schedule would sign with now, when it cannot sign here; `signing` then replaces it at
   * once, without being published long enough first (or, when none can, a new key is due).
   */
  unusable?: K;
  /**
   * A new key is needed: there is none, the newest is older than the rotation interval, or no key that
   * may sign now can sign here.
   */
  rotationDue: boolean;
}

/**
 * Plans the keys at `now`. The newest key that has been published long enough signs; right after the
 * very first key is created none has, and the oldest signs at once (no token, nor any cached key set,
 * predates it). A key stops signing once its successor is due to take over (plus what a replica's cache
 * may lag), and is kept for one token lifetime more, plus clock skew.
 *
 * A key that cannot sign here (`canSign: false`) is replaced by the newest key, at once, even before it
 * has been published long enough: signing stops otherwise. Only the newest may take over, since an older
 * key's tokens could outlive its publication; when the newest cannot sign either, a new key is due.
 */
export function planKeys<K extends ScheduledKey>(keys: readonly K[], now: number, timing: KeyTiming): KeyPlan<K> {
  const sorted = [...keys].sort((a, b) => a.createdAt - b.createdAt || a.kid.localeCompare(b.kid));
  const published: K[] = [];
  const expired: K[] = [];
  sorted.forEach((key, index) => {
    const successor = sorted[index + 1];
    const lastSignedAt = successor ? successor.createdAt + KEY_PUBLICATION_DELAY_MS + KEY_CACHE_MS : Infinity;
    const liveUntil = lastSignedAt + timing.tokenLifetimeMs + CLOCK_SKEW_MS;
    (liveUntil > now ? published : expired).push(key);
  });
  const ready = published.filter(key => key.createdAt + KEY_PUBLICATION_DELAY_MS <= now);
  const newest = sorted[sorted.length - 1];
  const planned = ready[ready.length - 1] ?? published[0];
  const unusable = planned?.canSign === false ? planned : undefined;
  const signing = unusable ? (newest.canSign === false ? undefined : newest) : planned;
  return {
    published,
    expired,
    signing,
    ...(unusable ? { unusable } : {}),
    rotationDue: newest === undefined || newest.createdAt + timing.keyRotationMs <= now || !signing,
  };
}
