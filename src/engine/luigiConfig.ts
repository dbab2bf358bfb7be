import type { NodeSettings } from 'backstage-plugin-luigi-common';
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
  /** The token fields of an entity's micro app context, read whenever Luigi computes a context. */
  tokenContextOf(entityRef: string): TokenContext;
  /** Called for every frame Luigi creates, with the node it shows. */
  onFrameCreated(frame: HTMLIFrameElement, node: unknown): void;
  afterInit(): void;
  /** Luigi's `settings.customAlertHandler`: the plugin shows alerts, resolving when dismissed. */
  onAlert(settings: object, openFromClient: boolean): Promise<unknown>;
}

/** The token fields of a micro app's context. */
export interface TokenContext {
  token?: string;
  /** Epoch milliseconds. */
  tokenExpiresAt?: number;
  tokenStatus?: 'valid' | 'expired' | 'missing';
}

/**
 * A node's context: the entity's own settings' context, the entity, the tenant it is shown in (only
 * while tenants are configured), and the token fields as getters. Luigi merges a node's context into
 * the global one each time it sends a context (first load, every update), so each micro app sees its
 * own token then, not one frozen when the nodes were built. Settings cannot set the plugin's keys.
 */
function nodeContext(app: MicroApp, tokenContextOf: (entityRef: string) => TokenContext, own?: object): object {
  const { entity, tenant } = app;
  const context = { ...own, ...(tenant ? { entity, tenant: { id: tenant.id, title: tenant.title } } : { entity }) };
  for (const key of ['token', 'tokenExpiresAt', 'tokenStatus'] as const) {
    Object.defineProperty(context, key, {
      enumerable: true,
      get: () => tokenContextOf(entity.ref)[key],
    });
  }
  return context;
}

interface NodeInput {
  app: MicroApp;
  loadTimeoutMs: number;
  onPageError: () => void;
  tokenContextOf: (entityRef: string) => TokenContext;
}

/**
 * The Luigi node of a view: its settings (`luigi-project.io/node-settings`, already checked) over the
 * plugin's defaults. Every node, children included, carries the entity in its context: that is how
 * the engine knows whose token a frame gets.
 */
function luigiNode(
  view: { pathSegment: string; label: string; viewUrl: string },
  settings: NodeSettings,
  input: NodeInput,
): Record<string, unknown> {
  const { app } = input;
  const loadingIndicatorEnabled = settings.loadingIndicator?.enabled !== false;
  // Deeper paths (`/luigi#/<app>/<view>`) belong to the micro app's own routing, unless it has children.
  const virtualTree = settings.children ? false : settings.virtualTree ?? true;
  const node: Record<string, unknown> = {
    pathSegment: view.pathSegment,
    label: view.label,
    viewUrl: view.viewUrl,
    context: nodeContext(app, input.tokenContextOf, settings.context),
    loadingIndicator: { ...settings.loadingIndicator, enabled: loadingIndicatorEnabled },
  };
  if (virtualTree) {
    node.virtualTree = true;
    // Luigi appends `/<rest>` to this base; without the trailing slash `…/app/` would become `…/app//x`.
    node._virtualViewUrl = view.viewUrl.replace(/\/+$/, '');
  }
  if (loadingIndicatorEnabled) {
    // Fires only while the loading indicator is still up, i.e. the handshake never completed
    // (404, framing refused, no Luigi client): the page then shows an error panel with a retry.
    node.pageErrorHandler = { timeout: input.loadTimeoutMs, errorFn: input.onPageError };
  }
  // View groups reuse frames between their nodes: kept per micro app, or one entity's frame (and token)
  // could show another's view.
  if (settings.viewGroup) node.viewGroup = `${app.pathSegment}:${settings.viewGroup}`;
  for (const key of ['clientPermissions', 'openNodeInModal', 'icon', 'hideFromNav', 'navigationContext'] as const) {
    if (settings[key] !== undefined) node[key] = settings[key];
  }
  if (settings.children) {
    node.children = settings.children.map(child => {
      const childNode = luigiNode(child, child, input);
      return child.category ? { ...childNode, category: child.category } : childNode;
    });
  }
  return node;
}

/** One Luigi navigation node per micro app, with its settings' children. The entity goes into every node's context. */
export function buildLuigiNodes(
  apps: readonly MicroApp[],
  loadTimeoutMs: number,
  onPageError: () => void,
  tokenContextOf: (entityRef: string) => TokenContext,
): object[] {
  return apps.map(app => luigiNode(app, app.node ?? {}, { app, loadTimeoutMs, onPageError, tokenContextOf }));
}

/**
 * The full Luigi core configuration. Luigi draws only the content area: navigation is drawn by the
 * plugin in Backstage's look, identity is owned by the host (no `auth.use`, nothing in storage), and
 * routing is gated so Luigi never touches URLs that are not its view's.
 */
export function buildLuigiConfig(input: LuigiConfigInput): object {
  return {
    navigation: {
      nodes: buildLuigiNodes(input.apps, input.loadTimeoutMs, input.onPageError, input.tokenContextOf),
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
      // Alerts in Backstage's look, inside the view of the micro app that raised them.
      customAlertHandler: (settings: object, openFromClient: boolean) => input.onAlert(settings, openFromClient),
      // Tells the engine which entity each frame (page, modal, drawer) belongs to, for its token.
      iframeCreationInterceptor: (frame: HTMLIFrameElement, _viewGroup: unknown, node: unknown) =>
        input.onFrameCreated(frame, node),
    },
    auth: { storage: 'none' },
    lifecycleHooks: { luigiAfterInit: input.afterInit },
  };
}
