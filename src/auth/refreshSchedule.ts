/** When to ask the token source again, given what it last returned. Pure, for unit tests. */
export interface RefreshPlan {
  /** Milliseconds from now. */
  delayMs: number;
}

/** Settings of the refresh schedule (`luigi.tokenRefresh.*`). */
export interface RefreshSettings {
  /** Refresh this long before `exp`. */
  marginMs: number;
  /** Ask at least this often, to pick up tokens the auth API rotated on its own. */
  maxIntervalMs: number;
  /** Never ask more often than this (a source that keeps returning a token about to expire). */
  minIntervalMs: number;
}

/** Defaults: refresh 30 s before expiry, look at least every 5 min, at most every 2 s. */
export const DEFAULT_REFRESH_SETTINGS: RefreshSettings = {
  marginMs: 30_000,
  maxIntervalMs: 300_000,
  minIntervalMs: 2_000,
};

/** Plans the next refresh for a token expiring at `expiresAt` (epoch ms, if known). */
export function planRefresh(
  expiresAt: number | undefined,
  now: number,
  settings: RefreshSettings,
): RefreshPlan {
  if (expiresAt === undefined) return { delayMs: settings.maxIntervalMs };
  const untilRefresh = expiresAt - settings.marginMs - now;
  return {
    delayMs: Math.min(settings.maxIntervalMs, Math.max(settings.minIntervalMs, untilRefresh)),
  };
}

/** What micro apps are told about the token in `context.tokenStatus`. */
export type TokenStatus = 'valid' | 'expired' | 'missing';

/** Whether a token may still be handed out: never past its `exp`. */
export function tokenStatus(expiresAt: number | undefined, now: number, present: boolean): TokenStatus {
  if (!present) return 'missing';
  if (expiresAt !== undefined && expiresAt <= now) return 'expired';
  return 'valid';
}
