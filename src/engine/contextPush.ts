import { luigiStateOf } from './luigiFrameState';

const INIT_OK = 'luigi.init.ok';

/** Whether Luigi still waits for the frame's handshake (no `luigi.init.ok` yet). */
export function isHandshaking(frame: HTMLIFrameElement): boolean {
  const state = luigiStateOf(frame);
  return state !== undefined && state.initOk !== true;
}

/**
 * Pushes a changed global context into Luigi without costing a frame its load.
 *
 * Luigi delivers a context change by re-routing (`configChanged('navigation')`), and a re-route
 * replaces a main frame whose handshake has not finished with a new one: a session that resolves
 * while the first micro app loads would load it twice. So while a main frame handshakes, the context
 * is stored in Luigi's config silently (the frame gets it with its first re-route) and pushed once
 * the frame said `luigi.init.ok`.
 */
export class ContextPush {
  private pending = false;

  constructor(
    /** Luigi's main content frames now (modals and drawers are not re-created by a re-route). */
    private readonly mainFrames: () => HTMLIFrameElement[],
    /** Tells Luigi the context changed: it re-routes, and open frames receive the new context. */
    private readonly push: () => void,
    private readonly win: Window = window,
  ) {}

  /** Starts listening for finished handshakes (once, for the life of the tab, as Luigi's listener). */
  install() {
    this.win.addEventListener('message', this.onMessage);
  }

  /**
   * Stores `context` in Luigi, and pushes it to the open frames now unless a main frame is still
   * handshaking. `setGlobalContext` is Luigi's, with its `preventUpdate` flag.
   */
  update(setGlobalContext: (preventUpdate: boolean) => void) {
    const wait = this.mainFrames().some(isHandshaking);
    setGlobalContext(wait);
    this.pending = wait;
  }

  /** Forgets a push that waited (the frames it waited for are gone; the next route reads the context). */
  reset() {
    this.pending = false;
  }

  // A bubbling listener added after Luigi's: Luigi has marked the frame as initialised by then.
  private readonly onMessage = (event: MessageEvent) => {
    if (!this.pending || (event.data as { msg?: unknown } | null)?.msg !== INIT_OK) return;
    if (this.mainFrames().some(isHandshaking)) return;
    this.pending = false;
    this.push();
  };
}
