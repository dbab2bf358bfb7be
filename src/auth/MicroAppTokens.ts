import { DEFAULT_REFRESH_SETTINGS, RefreshSettings } from './refreshSchedule';
import { TokenRotation, TokenState } from './TokenRotation';
import { LuigiToken } from './tokenSource';

/** Asks the luigi backend for the token of one entity's micro apps. */
export type IssueMicroAppToken = (entityRef: string) => Promise<LuigiToken>;

/**
 * Called with every change of an entity's token. Returns whether the token is still wanted (a frame
 * of that entity is open); when it is not, its rotation stops and the token is forgotten.
 */
export type MicroAppTokenListener = (entityRef: string, state: TokenState) => boolean;

interface Entry {
  rotation: TokenRotation;
  state?: TokenState;
  /** Resolves with the first answer, so a frame waiting for its token can be released. */
  first: Promise<TokenState>;
}

/**
 * One token per micro app (per entity), each from the luigi backend and each kept fresh on its own
 * schedule, only while a frame of that entity is open. Tokens live in memory only. No React, no Luigi.
 */
export class MicroAppTokens {
  private readonly entries = new Map<string, Entry>();
  private stopped = false;
  private paused = false;

  constructor(
    private readonly issue: IssueMicroAppToken,
    private readonly onChange: MicroAppTokenListener,
    private readonly settings: RefreshSettings = DEFAULT_REFRESH_SETTINGS,
  ) {}

  /** The entity's token state, once the backend answered; undefined before. */
  state(entityRef: string): TokenState | undefined {
    return this.entries.get(entityRef)?.state;
  }

  /** The entity's valid token in the shape of Luigi's auth store, if there is one. */
  current(entityRef: string): { accessToken: string; accessTokenExpirationDate?: number } | undefined {
    const state = this.state(entityRef);
    if (state?.status !== 'valid' || !state.token) return undefined;
    return { accessToken: state.token.token, accessTokenExpirationDate: state.token.expiresAt };
  }

  /** Whether the backend answered for the entity, with a token or not. */
  answered(entityRef: string): boolean {
    return this.state(entityRef) !== undefined;
  }

  /** Starts keeping the entity's token fresh (once); resolves with the first answer. */
  ensure(entityRef: string): Promise<TokenState> {
    if (this.stopped || this.paused) return Promise.resolve({ status: 'missing' });
    const existing = this.entries.get(entityRef);
    if (existing) return existing.first;
    let resolveFirst!: (state: TokenState) => void;
    const first = new Promise<TokenState>(resolve => {
      resolveFirst = resolve;
    });
    const source = { getToken: () => this.issue(entityRef) };
    const rotation = new TokenRotation(
      source,
      state => {
        const entry = this.entries.get(entityRef);
        if (!entry || entry.rotation !== rotation) return;
        const isFirst = entry.state === undefined;
        entry.state = state;
        resolveFirst(state);
        // The first answer always goes out: a frame is waiting for it.
        if (!this.onChange(entityRef, state) && !isFirst) this.forget(entityRef);
      },
      this.settings,
    );
    this.entries.set(entityRef, { rotation, first });
    rotation.start();
    return first;
  }

  /** Drops the entity's token and stops its rotation. */
  forget(entityRef: string) {
    this.entries.get(entityRef)?.rotation.stop();
    this.entries.delete(entityRef);
  }

  /** Drops every token (sign-out, a failed session, another user); `ensure` starts again. */
  clear() {
    for (const entityRef of [...this.entries.keys()]) this.forget(entityRef);
  }

  /**
   * While the user's session is not valid (signed out, a failed refresh), drops every token and
   * issues none; `resume` lets `ensure` ask again.
   */
  pause() {
    this.paused = true;
    this.clear();
  }

  /** Ends a {@link MicroAppTokens.pause}. */
  resume() {
    this.paused = false;
  }

  /** Drops every token for good. */
  stop() {
    this.stopped = true;
    this.clear();
  }
}
