import { MicroApp } from '../catalog/types';
import { createRouteGatePattern, RouteGateState } from './routeGate';

/** What the Luigi configuration needs from the engine. */
export interface LuigiConfigInput {
  apps: readonly MicroApp[];
  globalContext: object;
  /** How long a micro app may take to complete the Luigi handshake before it counts as failed. */
  loadTimeoutMs: number;
  gate: RouteGateState;
  /** Called with each Luigi path Luigi routes to. */
  onRouted(luigiPath: string): void;
  onPageError(): void;
  afterInit(): void;
}

/** One Luigi navigation node per micro app. The entity goes into the node's context. */
export function buildLuigiNodes(
  apps: readonly MicroApp[],
  loadTimeoutMs: number,
  onPageError: () => void,
): object[] {
  return apps.map(app => ({
    pathSegment: app.pathSegment,
    label: app.label,
    viewUrl: app.viewUrl,
    // Deeper paths (`/luigi#/<app>/<view>`) belong to the micro app's own routing.
    virtualTree: true,
    // Luigi appends `/<rest>` to this base; without the trailing slash `…/app/` would become `…/app//x`.
    _virtualViewUrl: app.viewUrl.replace(/\/+$/, ''),
    context: { entity: app.entity },
    loadingIndicator: { enabled: true },
    // Fires only while the loading indicator is still up, i.e. the handshake never completed
    // (404, framing refused, no Luigi client): the page then shows an error panel with a retry.
    pageErrorHandler: { timeout: loadTimeoutMs, errorFn: onPageError },
  }));
}

/**
 * The full Luigi core configuration. Luigi draws only the content area: navigation is drawn by the
 * plugin in Backstage's look, identity is owned by the host (no `auth.use`, nothing in storage), and
 * routing is gated so Luigi never touches URLs that are not its view's.
 */
export function buildLuigiConfig(input: LuigiConfigInput): object {
  return {
    navigation: {
      nodes: buildLuigiNodes(input.apps, input.loadTimeoutMs, input.onPageError),
      globalContext: input.globalContext,
    },
    routing: {
      useHashRouting: true,
      // Replaces Luigi's defaults ([/access_token=/, /id_token=/]): tokens never travel in URLs here.
      skipRoutingForUrlPatterns: [createRouteGatePattern(input.gate, input.onRouted)],
      // Unknown paths are shown by the plugin's own not-found panel.
      pageNotFoundHandler: () => ({ ignoreLuigiErrorHandling: true }),
    },
    settings: {
      hideNavigation: true,
      header: { disabled: true },
      appLoadingIndicator: { hideAutomatically: true },
    },
    auth: { storage: 'none' },
    lifecycleHooks: { luigiAfterInit: input.afterInit },
  };
}
