import { LuigiTokenPurpose } from 'backstage-plugin-luigi-common';
import { DEFAULT_REFRESH_SETTINGS, RefreshSettings } from './refreshSchedule';
import { TokenRotation, TokenState } from './TokenRotation';
import { LuigiToken } from './tokenSource';

/**
 * Asks the luigi backend for the token of one entity's micro apps: the first for the entity's open
 * frames (`open`), or a renewal of one they hold (`refresh`).
 */
export type IssueMicroAppToken = (entityRef: string, purpose: LuigiTokenPurpose) => Promise<LuigiToken>;

/**
 * Called with every change of an entity's token, with the purpose of the request it answers. Returns
 * whether the token is still wanted (a frame of that entity is open); when it is not, its rotation
 * stops and the token is forgotten.
 */
export type MicroAppTokenListener = (entityRef: string, state: TokenState, purpose: LuigiTokenPurpose) => boolean;

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
  /**
   * Entities whose open frames received a token: their next request is a renewal. Kept while paused
   * (a lapsed session closes no frame), dropped with the entity.
   */
  private readonly delivered = new Set<string>();
  private stopped = false;
  private paused = false;
  /** Settles on the first {@link MicroAppTokens.resume} (or stop). */
  private readonly started: Promise<void>;
  private markStarted!: () => void;
  /** Whether it ever issued or was resumed; paused before that, its session is not known yet. */
  private hasRun = false;

  constructor(
    private readonly issue: IssueMicroAppToken,
    private readonly onChange: MicroAppTokenListener,
    private readonly settings: RefreshSettings = DEFAULT_REFRESH_SETTINGS,
  ) {
    this.started = new Promise(resolve => {
      this.markStarted = resolve;
    });
  }

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

  /**
   * Starts keeping the entity's token fresh (once); resolves with the first answer. Asked while
   * paused before it ever ran (a frame of a tenant just entered, before its session is known), it
   * waits for the first resume instead of answering "no token".
   */
  ensure(entityRef: string): Promise<TokenState> {
    if (this.paused && !this.hasRun && !this.stopped) return this.started.then(() => this.ensure(entityRef));
    if (this.stopped || this.paused) return Promise.resolve({ status: 'missing' });
    this.hasRun = true;
    const existing = this.entries.get(entityRef);
    if (existing) return existing.first;
    let resolveFirst!: (state: TokenState) => void;
    const first = new Promise<TokenState>(resolve => {
      resolveFirst = resolve;
    });
    // The rotation asks one request at a time, so the latest answer is for the latest purpose.
    let purpose: LuigiTokenPurpose = 'open';
    const source = {
      getToken: () => {
        purpose = this.delivered.has(entityRef) ? 'refresh' : 'open';
        return this.issue(entityRef, purpose);
      },
    };
    const rotation = new TokenRotation(
      source,
      state => {
        const entry = this.entries.get(entityRef);
        if (!entry || entry.rotation !== rotation) return;
        const isFirst = entry.state === undefined;
        entry.state = state;
        if (state.status === 'valid') this.delivered.add(entityRef);
        resolveFirst(state);
        // The first answer always goes out: a frame is waiting for it.
        if (!this.onChange(entityRef, state, purpose) && !isFirst) this.forget(entityRef);
      },
      this.settings,
    );
    this.entries.set(entityRef, { rotation, first });
    rotation.start();
    return first;
  }

  /** Drops the entity's token and stops its rotation; its next token is a first one again. */
  forget(entityRef: string) {
    this.drop(entityRef);
    this.delivered.delete(entityRef);
  }

  /**
   * Drops every token (sign-out, another user, another tenant); `ensure` starts again, each entity's
   * next token a first one.
   */
  clear() {
    for (const entityRef of [...this.entries.keys()]) this.drop(entityRef);
    this.delivered.clear();
  }

  /**
   * While the user's session is not valid (signed out, a failed refresh), drops every token and
   * issues none; `resume` lets `ensure` ask again. Paused before the first resume (a new set, its
   * session not known yet), `ensure` waits for the resume.
   */
  pause() {
    this.paused = true;
    for (const entityRef of [...this.entries.keys()]) this.drop(entityRef);
  }

  /**
   * Ends a {@link MicroAppTokens.pause}. The entities in `stillOpen` (default: all) keep renewing
   * the token their frames held; any other starts over with a first one.
   */
  resume(stillOpen?: ReadonlySet<string>) {
    this.paused = false;
    this.hasRun = true;
    this.markStarted();
    if (!stillOpen) return;
    for (const entityRef of [...this.delivered]) if (!stillOpen.has(entityRef)) this.delivered.delete(entityRef);
  }

  private drop(entityRef: string) {
    this.entries.get(entityRef)?.rotation.stop();
    this.entries.delete(entityRef);
  }

  /** Drops every token for good. */
  stop() {
    this.stopped = true;
    this.markStarted();
    this.clear();
  }
}
