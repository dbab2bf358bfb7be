/**
 * Decides, for every route change Luigi sees, whether Luigi may handle it.
 *
 * Luigi listens to `popstate` for the whole window. Without a gate it would route (and rewrite the URL)
 * when the user goes Back to another portal page, or show its own 404 alert for unknown paths.
 * Luigi's `routing.skipRoutingForUrlPatterns` tests each entry with `location.href.match(entry)`, so an
 * object with `Symbol.match` lets the decision depend on live state instead of a fixed pattern.
 */
export interface RouteGateState {
  /** Pathname of the attached view, or undefined while no view is shown. */
  viewPathname(): string | undefined;
  /** Whether the first segment of a Luigi path belongs to a known micro app. */
  isKnownPath(luigiPath: string): boolean;
}

/** The Luigi path (`/orders/x`) in a hash-routed URL's hash (`#/orders/x?y`). */
export function luigiPathFromHash(hash: string): string {
  const path = hash.replace(/^#/, '').split('?')[0];
  return path.startsWith('/') ? path : `/${path}`;
}

/** First path segment of a Luigi path, or '' for the root. */
export function firstSegment(luigiPath: string): string {
  return luigiPath.split('/').filter(Boolean)[0] ?? '';
}

/** True when Luigi must leave the current URL alone. */
export function shouldSkipRouting(href: string, state: RouteGateState): boolean {
  const url = new URL(href);
  const pathname = state.viewPathname();
  if (pathname === undefined || url.pathname !== pathname) return true;
  const luigiPath = luigiPathFromHash(url.hash);
  return firstSegment(luigiPath) === '' || !state.isKnownPath(luigiPath);
}

/**
 * A pattern for `routing.skipRoutingForUrlPatterns` backed by {@link shouldSkipRouting}. Luigi asks it
 * at the start of every route change, so `onRouted` learns each Luigi path Luigi goes on to show.
 */
export function createRouteGatePattern(
  state: RouteGateState,
  onRouted: (luigiPath: string) => void = () => {},
): { [Symbol.match](href: string): string[] | null } {
  return {
    [Symbol.match](href: string) {
      if (shouldSkipRouting(href, state)) return [href];
      onRouted(luigiPathFromHash(new URL(href).hash));
      return null;
    },
  };
}
