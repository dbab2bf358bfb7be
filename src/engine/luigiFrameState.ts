/**
 * What Luigi core keeps on each frame it creates (`frame.luigi`, Luigi 2.31.0): the handshake's
 * state, the node shown, its granted client permissions, and the last `luigi.init` sent. Only the
 * fields the engine reads; not Luigi's API, so kept in one place.
 */
export interface LuigiFrameState {
  /** Undefined until the frame asks for its context, true once it answered `luigi.init.ok`. */
  initOk?: boolean;
  pathParams?: object;
  currentNode?: { clientPermissions?: { urlParameters?: object } };
  clientPermissions?: { changeCurrentLocale?: boolean };
  /** The `luigi.init` Luigi last sent the frame, with JSON-encoded parts. */
  _lastUpdatedMessage?: { context?: string; nodeParams?: string; searchParams?: string; internal?: string };
}

/** Luigi's state of a frame; undefined for a frame Luigi did not create. */
export function luigiStateOf(frame: HTMLIFrameElement): LuigiFrameState | undefined {
  return (frame as HTMLIFrameElement & { luigi?: LuigiFrameState }).luigi;
}
