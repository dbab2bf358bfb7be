/**
 * How code outside the engine (the sidebar) asks the page's Luigi to route, without importing the
 * engine: the engine, Luigi's loader and its stylesheet stay out of the host's eager JavaScript.
 * The engine registers itself when it is created, i.e. once a Luigi view has mounted in this tab.
 */
type Navigate = (luigiPath: string) => void;

let navigate: Navigate | undefined;

/** Called by the engine: from now on {@link navigateInLuigi} routes through it. */
export function provideLuigiNavigation(handler: Navigate | undefined) {
  navigate = handler;
}

/** Whether a Luigi engine runs in this tab (a Luigi view has been shown). */
export function hasLuigiNavigation(): boolean {
  return navigate !== undefined;
}

/** Routes the tab's Luigi to a path (`/orders`); returns false when no engine runs. */
export function navigateInLuigi(luigiPath: string): boolean {
  if (!navigate) return false;
  navigate(luigiPath);
  return true;
}
