import {
  DEFAULT_REFRESH_SETTINGS,
  planRefresh,
  RefreshSettings,
  TokenStatus,
  tokenStatus,
} from './refreshSchedule';
import { LuigiToken, LuigiTokenSourceApi } from './tokenSource';

/** The token as micro apps should see it right now. */
export interface TokenState {
  status: TokenStatus;
  /** Present only while `status` is `valid`: an expired token is never handed out. */
  token?: LuigiToken;
  /** Why the token is missing, when a refresh failed. */
  error?: Error;
}

/**
 * Keeps a token fresh: asks the source again shortly before `exp` (and at least every few minutes),
 * reports every new token, and reports `expired`/`missing` as soon as a refresh fails, the token runs
 * out, or the user signs out. Timers only; no React, no Luigi.
 */
export class TokenRotation {
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;
  /** Undefined until the first answer, so that one is always reported, even when it is 'missing'. */
  private current?: TokenState;
  private unsubscribeSignOut?: () => void;

  constructor(
    private readonly source: LuigiTokenSourceApi,
    private readonly onChange: (state: TokenState) => void,
    private readonly settings: RefreshSettings = DEFAULT_REFRESH_SETTINGS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Fetches the first token and starts the schedule. */
  start() {
    this.unsubscribeSignOut = this.source.onSignOut?.(() => this.publish({ status: 'missing' }));
    void this.refresh();
  }

  /** Stops all timers; no further changes are reported. */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribeSignOut?.();
  }

  /** Asks the source now (e.g. after the user signed in again). */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    let next: TokenState;
    try {
      const token = await this.source.getToken();
      const status = tokenStatus(token?.expiresAt, this.now(), Boolean(token));
      next = status === 'valid' ? { status, token } : { status };
    } catch (error) {
      next = { status: 'missing', error: error as Error };
    }
    if (this.stopped) return;
    this.publish(next);
    // A listener may have stopped the rotation on this very change.
    if (!this.stopped) this.schedule();
  }

  private schedule() {
    const token = this.current?.token;
    const { delayMs } = planRefresh(token?.expiresAt, this.now(), this.settings);
    // Never let a token outlive its `exp` between two refreshes.
    const untilExpiry = token?.expiresAt !== undefined ? token.expiresAt - this.now() : Infinity;
    this.timer = setTimeout(() => void this.refresh(), Math.min(delayMs, Math.max(0, untilExpiry)));
  }

  private publish(next: TokenState) {
    const previous = this.current;
    const same =
      previous !== undefined &&
      next.status === previous.status &&
      next.token?.token === previous.token?.token &&
      next.error?.message === previous.error?.message;
    this.current = next;
    if (!same && !this.stopped) this.onChange(next);
  }
}
