import { LuigiAuthData } from './luigiAuthData';
import { frameOriginOf } from './frameOrigin';
import { luigiStateOf } from './luigiFrameState';

/** Where the engine gets each micro app's own token (the per-micro-app token mode). */
export interface FrameTokenProvider {
  /** The entity's valid token now, if there is one. */
  current(entityRef: string): LuigiAuthData | undefined;
  /** Whether the backend already answered for the entity (with a token or a refusal). */
  answered(entityRef: string): boolean;
  /** Asks for the entity's token; resolves once answered, successfully or not. */
  ensure(entityRef: string): Promise<unknown>;
  /** Optional: drops every token it holds (another tenant is shown). */
  clear?(): void;
}

/** What the guard needs from Luigi's auth store, which `luigi.init` reads its `authData` from. */
export interface AuthStore {
  setAuthData(data: object): void;
  removeAuthData(): void;
}

/** What Luigi core keeps on each frame it created; read to update one frame's context. */
function parseObject(json: string | undefined): Record<string, unknown> {
  try {
    const value = json ? JSON.parse(json) : {};
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** `context` over `base`; a key `context` sets to undefined is removed (a token taken away). */
function mergeContext(base: Record<string, unknown>, context: object): Record<string, unknown> {
  const merged = { ...base };
  for (const [key, value] of Object.entries(context)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

const TOKEN_ISSUED = 'luigi.auth.tokenIssued';
const GET_CONTEXT = 'luigi.get-context';


/**
 * Gives every micro app frame its own token and nothing else's.
 *
 * Luigi core has one auth store for all frames, and re-broadcasts a `luigi.auth.tokenIssued` that any
 * of its frames posts to every frame. This guard listens to the host window's messages before Luigi
 * does (a capture listener runs before Luigi's), drops `tokenIssued` from frames, and, when a frame
 * asks for its context (`luigi.get-context`, answered by `luigi.init` with the store's `authData`),
 * puts that frame's own token in the store just before Luigi reads it. A frame whose token is not
 * there yet is held until the backend answered, then handed to Luigi. Rotated tokens go straight to
 * the entity's frames, at the origin of their registered URL.
 */
export class FrameTokens {
  private readonly entityOfFrame = new WeakMap<HTMLIFrameElement, string>();
  /** The origin of each frame's view URL, the only one its requests may come from. */
  private readonly originOfFrame = new WeakMap<HTMLIFrameElement, string>();
  /** Messages this guard re-dispatched after holding them: let through. */
  private readonly released = new WeakSet<Event>();
  private tokens?: FrameTokenProvider;
  private store?: AuthStore;
  private clearTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly frames: () => HTMLIFrameElement[],
    /** The token fields of an entity's micro app context now. */
    private readonly contextOf: (entityRef: string) => object,
    private readonly win: Window = window,
  ) {}

  /** Starts guarding the window's messages (once, for the life of the tab, as Luigi's listener). */
  install(store: AuthStore) {
    this.store = store;
    this.win.addEventListener('message', this.onMessage, true);
  }

  /** Per-micro-app tokens from `provider`; `undefined` switches back to the one shared token. */
  setProvider(provider: FrameTokenProvider | undefined) {
    this.tokens = provider;
  }

  /** Where frames get their own tokens from; undefined while they share one. */
  get provider(): FrameTokenProvider | undefined {
    return this.tokens;
  }

  /** Remembers which entity a frame Luigi creates belongs to (Luigi's `iframeCreationInterceptor`). */
  frameCreated(frame: HTMLIFrameElement, node: unknown) {
    const ref = (node as { context?: { entity?: { ref?: unknown } } } | undefined)?.context?.entity?.ref;
    if (typeof ref === 'string') this.entityOfFrame.set(frame, ref);
    const origin = frameOriginOf(frame.src);
    if (origin) this.originOfFrame.set(frame, origin);
  }

  /**
   * Removes every frame Luigi created, wherever it sits (page, modal, drawer, preserved view
   * groups): none of them outlives the tenant it was created for.
   */
  removeFrames() {
    for (const frame of this.frames()) if (this.entityOfFrame.has(frame)) frame.remove();
  }

  /** The entity a frame Luigi created belongs to. */
  entityOf(frame: HTMLIFrameElement): string | undefined {
    return this.entityOfFrame.get(frame);
  }

  /** The entity refs of the open frames. */
  openEntities(): Set<string> {
    const refs = new Set<string>();
    for (const frame of this.frames()) {
      const ref = this.entityOfFrame.get(frame);
      if (ref) refs.add(ref);
    }
    return refs;
  }

  /**
   * Sends the entity's token (or an empty one, which clears `getToken()`) to its open frames only,
   * those Luigi has initialized, and updates the token fields of their context. Returns whether any
   * frame of the entity is open.
   */
  deliver(entityRef: string, authData: LuigiAuthData | undefined, context: object): boolean {
    let open = false;
    for (const frame of this.frames()) {
      if (this.entityOfFrame.get(frame) !== entityRef) continue;
      open = true;
      // The registered URL's origin: a frame that navigated elsewhere receives nothing.
      const origin = frameOriginOf(frame.src);
      if (!origin || !frame.contentWindow) continue;
      // A frame Luigi has not answered yet may still show its first, blank document, at the portal's
      // origin: a post to it logs a target origin mismatch. It gets the token with its luigi.init.
      if (!luigiStateOf(frame)?._lastUpdatedMessage) continue;
      frame.contentWindow.postMessage({ msg: TOKEN_ISSUED, authData: authData ?? {} }, origin);
      this.updateContext(frame, origin, context);
    }
    return open;
  }

  /**
   * Luigi computes a frame's context when it routes, which may be before the frame's token arrived;
   * once Luigi answered the frame, a context that says otherwise than the token is updated.
   */
  private syncContext(frame: HTMLIFrameElement, entityRef: string) {
    const sent = parseObject(luigiStateOf(frame)?._lastUpdatedMessage?.context);
    const wanted = this.contextOf(entityRef) as Record<string, unknown>;
    const origin = frameOriginOf(frame.src);
    if (!origin || !frame.isConnected || Object.keys(wanted).every(key => sent[key] === wanted[key])) return;
    this.updateContext(frame, origin, wanted);
  }

  /**
   * Updates one frame's context the way Luigi's `updateContextValues` does for all frames: a
   * `luigi.navigate` without a view URL, so the micro app's URL stays and its context listener
   * fires. Reconfiguring Luigi instead would re-render every view and close open modals. A frame
   * Luigi has not initialized yet gets the token with its `luigi.init`.
   */
  private updateContext(frame: HTMLIFrameElement, origin: string, context: object) {
    const state = luigiStateOf(frame);
    const last = state?._lastUpdatedMessage;
    if (!last) return;
    frame.contentWindow!.postMessage(
      {
        msg: 'luigi.navigate',
        context: JSON.stringify(mergeContext(parseObject(last.context), context)),
        nodeParams: last.nodeParams ?? '{}',
        pathParams: JSON.stringify({ ...state?.pathParams }),
        searchParams: last.searchParams ?? '{}',
        internal: parseObject(last.internal),
      },
      origin,
    );
  }

  private frameOf(source: MessageEventSource | null): HTMLIFrameElement | undefined {
    if (!source) return undefined;
    return this.frames().find(frame => frame.contentWindow === source);
  }

  private readonly onMessage = (event: MessageEvent) => {
    if (event.source === this.win) return;
    const msg = (event.data as { msg?: unknown } | null)?.msg;
    if (msg !== TOKEN_ISSUED && msg !== GET_CONTEXT) return;
    const frame = this.frameOf(event.source);
    if (!frame) return;
    if (msg === TOKEN_ISSUED) {
      // Only the host hands out tokens; Luigi would pass this one on to every frame.
      event.stopImmediatePropagation();
      return;
    }
    // A frame that navigated itself elsewhere asks from another origin: it gets nothing, and no
    // token is asked for on its behalf (Luigi core would drop the request too, after the fact).
    const expected = this.originOfFrame.get(frame);
    if (expected !== undefined && event.origin !== expected) {
      event.stopImmediatePropagation();
      return;
    }
    const provider = this.provider;
    if (!provider) return;
    const entityRef = this.entityOfFrame.get(frame);
    if (!entityRef || this.released.has(event) || provider.answered(entityRef)) {
      this.putInStore(entityRef ? provider.current(entityRef) : undefined);
      if (entityRef) setTimeout(() => this.syncContext(frame, entityRef), 0);
      return;
    }
    // No answer yet: hold the frame's request until there is one.
    event.stopImmediatePropagation();
    void provider.ensure(entityRef).finally(() => {
      if (!frame.isConnected || this.frameOf(event.source) !== frame) return;
      const copy = new MessageEvent('message', {
        data: event.data,
        origin: event.origin,
        source: event.source,
        ports: [...event.ports],
      });
      this.released.add(copy);
      this.win.dispatchEvent(copy);
    });
  };

  /**
   * Luigi reads the store while answering this message, before any other message is handled, so
   * the store holds this frame's token for that moment only.
   */
  private putInStore(authData: LuigiAuthData | undefined) {
    if (!this.store) return;
    if (authData) this.store.setAuthData(authData);
    else this.store.removeAuthData();
    clearTimeout(this.clearTimer);
    this.clearTimer = setTimeout(() => this.store?.removeAuthData(), 0);
  }
}

