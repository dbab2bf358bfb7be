import { MicroApp } from '../catalog/types';
import { PolicyBlock } from '../csp/policyAdvice';
import { toPolicyBlock } from '../csp/policyViolation';
import { firstSegment, luigiPathFromHash } from './routeGate';
import { HostGuard } from './hostGuard';
import { FrameTokenProvider, FrameTokens } from './frameTokens';
import { LuigiAuthData } from './luigiAuthData';
import { buildLuigiConfig, buildLuigiNodes, TokenContext } from './luigiConfig';
import { LuigiCore, loadLuigiCore } from './luigiCore';
import { LUIGI_HOST_ATTRIBUTE } from './styles/hostSelector';
import { loadLuigiStylesheet } from './loadLuigiStylesheet';
import { provideLuigiNavigation } from './luigiNavigation';
import { ContextPush } from './contextPush';
import { MicroAppAlert, MicroAppAlerts } from './microAppAlerts';
import { applyLook, lookContext, PortalLook } from './portalLook';
import { applyFramePolicy } from './framePolicy';
import { DEFAULT_FRAME_REFERRER_POLICY, FrameRequest } from 'backstage-plugin-luigi-common';

/** What a view (page or entity tab) tells the engine while it shows Luigi. */
export interface LuigiViewBinding {
  /** Called when the shown micro app did not complete the Luigi handshake in time. */
  onPageError(): void;
  /**
   * Called when the page's Content-Security-Policy refused something the view needs: a micro app
   * frame, the Luigi core chunk, or the plugin's stylesheet. Arrives at once, not after a timeout.
   */
  onPolicyBlock(block: PolicyBlock): void;
  /** Called when Luigi core could not be loaded (network, chunk error, a policy). */
  onEngineError(error: Error): void;
  /** Called with the micro app alerts to show now, whenever they change (and on attach). */
  onAlerts?(alerts: MicroAppAlert[]): void;
}

export type { LuigiAuthData } from './luigiAuthData';

interface AttachedView {
  container: HTMLElement;
  binding: LuigiViewBinding;
}

/**
 * The one Luigi instance of a browser tab, and the only code that talks to `window.Luigi`.
 *
 * Luigi cannot be unloaded safely inside a React app (it blanks the page, leaks listeners and mounts
 * twice under StrictMode), so it is started once and its root element is moved into whichever view is
 * shown. While no view is shown the root is detached from the document, with no iframe inside.
 */
export class LuigiEngine {
  private readonly host: HTMLDivElement;
  private readonly root: HTMLDivElement;
  private readonly guard: HostGuard;
  private readonly frameTokens: FrameTokens;
  private readonly contextPush: ContextPush;
  private readonly alerts: MicroAppAlerts;
  private readonly style: HTMLStyleElement;
  private readonly doc: Document;
  private core?: LuigiCore;
  private view?: AttachedView;
  private viewPathname?: string;
  /** The Luigi path Luigi last routed to, to tell whether the URL moved without it. */
  private routedPath?: string;
  private refreshQueued = false;
  private apps: readonly MicroApp[] = [];
  private knownSegments = new Set<string>();
  /** What micro apps get besides their node's context: the session's context and the look. */
  private globalContext: object = {};
  private sessionContext: object = {};
  private look?: PortalLook;
  /** Luigi core, loaded, waiting for the session before it starts ({@link LuigiEngine.awaitSession}). */
  private heldCore?: LuigiCore;
  private awaitingSession = false;
  private authData?: LuigiAuthData;
  private loadTimeoutMs = 15000;
  private referrerPolicy = DEFAULT_FRAME_REFERRER_POLICY;
  /** The tenant the engine's nodes, frames and tokens belong to; undefined without tenants. */
  private tenantId?: string;

  constructor(doc: Document = document) {
    this.doc = doc;
    this.host = doc.createElement('div');
    this.host.setAttribute(LUIGI_HOST_ATTRIBUTE, '');
    const style = doc.createElement('style');
    this.style = style;
    // Filled when Luigi core arrives (attach): the stylesheet is a lazy chunk of its own.
    this.root = doc.createElement('div');
    this.root.setAttribute('luigi-app-root', '');
    // Luigi positions its content absolutely inside the root: both need the view's full height.
    this.host.style.height = '100%';
    this.root.style.height = '100%';
    this.host.append(style, this.root);
    this.guard = new HostGuard(doc);
    this.alerts = new MicroAppAlerts(
      () => Array.from(doc.querySelectorAll('iframe')),
      frame => this.frameTokens.entityOf(frame),
      alerts => this.view?.binding.onAlerts?.(alerts),
    );
    this.contextPush = new ContextPush(
      () => Array.from(this.root.querySelectorAll<HTMLIFrameElement>('.iframeContainer iframe')),
      () => this.core?.configChanged('navigation'),
    );
    // The whole document: a frame is matched to the entity Luigi created it for, wherever it sits.
    this.frameTokens = new FrameTokens(
      () => Array.from(doc.querySelectorAll('iframe')),
      entityRef => this.tokenContextOf(entityRef),
    );
  }

  /** Sets the referrer policy of the frames created from now on (`luigi.frames.referrerPolicy`). */
  setReferrerPolicy(policy: string) {
    this.referrerPolicy = policy;
  }

  /** What the entity of a node's frame was granted beyond the defaults, from the apps given. */
  private frameRequestOf(node: unknown): FrameRequest | undefined {
    const ref = (node as { context?: { entity?: { ref?: unknown } } } | undefined)?.context?.entity?.ref;
    return this.apps.find(app => app.entity.ref === ref)?.frame;
  }

  /** Sets how long a micro app may take before the error panel shows. */
  setLoadTimeout(ms: number) {
    if (ms === this.loadTimeoutMs) return;
    this.loadTimeoutMs = ms;
    this.pushNodes();
  }

  /**
   * Replaces the micro apps Luigi can route to. The same apps again (the page and an entity tab
   * re-sending theirs on every mount) change nothing: reconfiguring Luigi re-routes the open frame.
   */
  setApps(apps: readonly MicroApp[]) {
    if (JSON.stringify(apps) === JSON.stringify(this.apps)) return;
    this.apps = apps;
    this.knownSegments = new Set(apps.map(app => app.pathSegment));
    this.pushNodes();
    this.prefetchRouteToken();
  }

  /**
   * Fetches Luigi core and its stylesheet without starting Luigi, so they arrive while the page
   * still reads the catalog and the decisions instead of after them.
   */
  preload() {
    void Promise.all([loadLuigiCore(), loadLuigiStylesheet()]).catch(() => {
      // The view that attaches reports a failed load (and retries it).
    });
  }

  /**
   * Asks for the token of the app the URL opens before its frame exists, so the token request runs
   * while the frame loads instead of after its handshake. Only for an app the backend let the page
   * show; the backend decides (and records the open) again when it issues the token.
   */
  prefetchRouteToken() {
    const provider = this.frameTokens.provider;
    if (!provider || !this.view) return;
    const segment = firstSegment(luigiPathFromHash(window.location.hash));
    const app = this.apps.find(candidate => candidate.pathSegment === segment);
    if (app && !provider.answered(app.entity.ref)) void provider.ensure(app.entity.ref);
  }

  /**
   * Makes the engine serve `tenantId` (undefined: tenants are not configured). Entering another
   * tenant than the one served drops everything of the previous one before any of the new one's
   * apps is given: every frame Luigi created (preserved view groups, modals and drawers included),
   * every node, and every per-app token. The same tenant again changes nothing.
   */
  resetForTenant(tenantId: string | undefined) {
    if (tenantId === this.tenantId) return;
    this.tenantId = tenantId;
    this.frameTokens.removeFrames();
    // And any other frame in Luigi's root, whose node named no entity.
    this.root.querySelectorAll('iframe').forEach(frame => frame.remove());
    this.frameTokens.provider?.clear?.();
    this.setApps([]);
  }

  /** Whether a Luigi path (`/orders/x`) opens a known micro app. */
  isKnownPath(luigiPath: string): boolean {
    return this.knownSegments.has(firstSegment(luigiPath));
  }

  /**
   * Replaces the context every micro app receives besides its node's own (user, token state). An
   * unchanged context is not pushed again: each push is a context update in every open frame.
   */
  setGlobalContext(context: object) {
    this.sessionContext = context;
    this.pushGlobalContext();
  }

  /**
   * Sets the portal's theme and language: Luigi's current theme and locale, and `theme` and
   * `locale` in every micro app's context, updated in the open frames when the user switches.
   */
  setLook(look: PortalLook) {
    if (JSON.stringify(look) === JSON.stringify(this.look)) return;
    this.look = look;
    if (this.core) applyLook(this.core, look, this.doc);
    this.pushGlobalContext();
  }

  /**
   * Sets CSS variables on the Luigi host element (Fiori's names for the portal theme's colours),
   * which Luigi's own modals, backdrops and indicators are styled by. Replaces the previous set.
   */
  setThemeVariables(variables: Record<string, string>) {
    for (const name of Array.from(this.host.style)) if (name.startsWith('--')) this.host.style.removeProperty(name);
    for (const [name, value] of Object.entries(variables)) this.host.style.setProperty(name, value);
  }

  private pushGlobalContext() {
    const context = { ...this.sessionContext, ...lookContext(this.look) };
    if (JSON.stringify(context) === JSON.stringify(this.globalContext)) return;
    this.globalContext = context;
    const core = this.core;
    if (core) this.contextPush.update(preventUpdate => core.setGlobalContext(context, preventUpdate));
  }

  /**
   * Hands a token to Luigi's auth store (in memory only) and to every open micro app; `undefined`
   * takes it away from them. Luigi forwards `luigi.auth.tokenIssued` only to frames at their view
   * URL's origin, all of them allowlisted.
   */
  setAuthData(authData: LuigiAuthData | undefined) {
    this.authData = authData;
    if (!this.core || this.frameTokens.provider) return;
    if (authData) this.core.auth().store.setAuthData(authData);
    else this.core.auth().store.removeAuthData();
    // Luigi client ignores a null payload, so an empty one is what makes getToken() return nothing.
    window.postMessage(
      { msg: 'luigi.auth.tokenIssued', authData: authData ?? {} },
      window.location.origin,
    );
  }

  /**
   * Switches to one token per micro app, from `provider` (the luigi backend's), or back to the one
   * shared token of {@link LuigiEngine.setAuthData} with `undefined`.
   */
  setMicroAppTokens(provider: FrameTokenProvider | undefined) {
    this.frameTokens.setProvider(provider);
    this.prefetchRouteToken();
    if (!this.core) return;
    // The shared token leaves the store: frames get theirs when they ask for their context.
    if (provider) this.core.auth().store.removeAuthData();
    else if (this.authData) this.setAuthData(this.authData);
  }

  /**
   * Hands an entity's new token (or none) to its open frames only, and to their context. Returns
   * whether a frame of the entity is open, i.e. whether the token is still wanted.
   */
  microAppTokenChanged(entityRef: string): boolean {
    const provider = this.frameTokens.provider;
    if (!provider) return false;
    return this.frameTokens.deliver(entityRef, provider.current(entityRef), this.tokenContextOf(entityRef));
  }

  /** The entity refs of the micro app frames open now. */
  openMicroAppEntities(): Set<string> {
    return this.frameTokens.openEntities();
  }

  /** Updates token and context together: the token first, so a context listener reads the new one. */
  setSession(session: { context: object; authData: LuigiAuthData | undefined }) {
    this.setAuthData(session.authData);
    this.setGlobalContext(session.context);
    this.awaitingSession = false;
    const core = this.heldCore;
    this.heldCore = undefined;
    if (core && !this.core && this.view && this.host.isConnected) this.start(core);
  }

  /**
   * Holds Luigi's start until the next {@link LuigiEngine.setSession}, so the first micro app's
   * init context already has the user (a session arriving during its handshake would reach it
   * only as an update). No effect once Luigi runs.
   */
  awaitSession() {
    if (!this.core) this.awaitingSession = true;
  }

  /**
   * Shows Luigi inside `container`. Starts Luigi on first use; afterwards moves the existing root in
   * and lets Luigi route to the current URL.
   */
  async attach(container: HTMLElement, binding: LuigiViewBinding): Promise<void> {
    this.view = { container, binding };
    binding.onAlerts?.(this.alerts.current());
    this.viewPathname = window.location.pathname;
    this.prefetchRouteToken();
    // Luigi is about to route to the current URL (start or refreshRoute below).
    this.routedPath = luigiPathFromHash(window.location.hash);
    // Listening only while a view is shown: what the policy refuses then is the view's.
    this.doc.addEventListener('securitypolicyviolation', this.onPolicyViolation);
    container.appendChild(this.host);
    if (this.core) {
      this.refreshRoute();
      return;
    }
    let core: LuigiCore;
    try {
      const [loadedCore, stylesheet] = await Promise.all([loadLuigiCore(), loadLuigiStylesheet()]);
      core = loadedCore;
      this.style.textContent = stylesheet;
    } catch (error) {
      if (this.view?.container === container) binding.onEngineError(error as Error);
      return;
    }
    // The view may have gone (or another taken its place) while Luigi was loading.
    if (this.core || this.view?.container !== container || !this.host.isConnected) {
      if (this.core && this.view?.container === container) this.refreshRoute();
      return;
    }
    if (this.awaitingSession) {
      this.heldCore = core;
      return;
    }
    this.start(core);
  }

  /** Dismisses a micro app alert the user closed. */
  dismissAlert(id: string) {
    this.alerts.dismiss(id);
  }

  /** Removes Luigi from `container` if it is there; its micro app frame (and its alerts) are discarded. */
  detach(container: HTMLElement) {
    if (this.view?.container !== container) return;
    this.view = undefined;
    this.viewPathname = undefined;
    this.routedPath = undefined;
    this.contextPush.reset();
    this.alerts.dismissAll();
    this.doc.removeEventListener('securitypolicyviolation', this.onPolicyViolation);
    // Dropping the frames makes Luigi create a fresh one on the next attach, instead of
    // talking to a frame that reloaded behind its back.
    this.root.querySelectorAll('iframe').forEach(frame => frame.remove());
    this.host.remove();
  }

  /** Navigates to a Luigi path (`/orders`), adding a browser history entry. */
  navigate(luigiPath: string) {
    if (this.core) {
      this.core.navigation().navigate(luigiPath);
    } else {
      // Luigi is still loading: put the path in the URL; Luigi routes to it when it starts.
      window.location.hash = luigiPath;
    }
  }

  /**
   * Opens a Luigi path (`/orders/new`) as a modal over the current view, as a Luigi shell's
   * navigation opens a node with `openNodeInModal`. Before Luigi has started, navigates instead.
   */
  openAsModal(luigiPath: string, settings: object) {
    if (this.core) this.core.navigation().openAsModal(luigiPath, settings);
    else this.navigate(luigiPath);
  }

  /**
   * Loads the current route again; a micro app whose handshake failed gets a fresh frame. If Luigi
   * core itself failed to load, loads it again.
   */
  retry() {
    if (!this.core && this.view) {
      this.attach(this.view.container, this.view.binding);
      return;
    }
    this.refreshRoute();
  }

  /**
   * Routes Luigi to the URL's Luigi path if the host changed the URL without Luigi (a router link to
   * `/luigi#/x` pushes history without the `popstate` Luigi listens to). No-op when Luigi is there.
   */
  syncToUrl(luigiPath: string) {
    if (!this.core || !this.view || luigiPath === this.routedPath) return;
    if (firstSegment(luigiPath) === '' || !this.isKnownPath(luigiPath)) return;
    this.refreshRoute();
  }

  /** Updates the pathname the attached view lives at (entity pages change it without remounting). */
  setViewPathname(pathname: string) {
    if (this.view) this.viewPathname = pathname;
  }

  /**
   * Browsers report what a Content-Security-Policy refused to the document. Frames and the Luigi
   * chunk are reported by origin; an inline style only counts when it is the plugin's own.
   */
  private readonly onPolicyViolation = (event: SecurityPolicyViolationEvent) => {
    const block = toPolicyBlock(event);
    if (!block || !this.view) return;
    if (block.kind === 'style' && event.target !== this.style) return;
    // Scripts matter only while Luigi core is loading; other scripts of the page are not the view's.
    if (block.kind === 'script' && this.core) return;
    this.view.binding.onPolicyBlock(block);
  };

  /**
   * The token part of a micro app's context: its own token with per-micro-app tokens, else the
   * shared one of the global context.
   */
  private readonly tokenContextOf = (entityRef: string): TokenContext => {
    const global = this.globalContext as Partial<TokenContext>;
    const provider = this.frameTokens.provider;
    if (!provider) {
      return { token: global.token, tokenExpiresAt: global.tokenExpiresAt, tokenStatus: global.tokenStatus };
    }
    const authData = provider.current(entityRef);
    return authData
      ? { token: authData.accessToken, tokenExpiresAt: authData.accessTokenExpirationDate, tokenStatus: 'valid' }
      : { token: undefined, tokenExpiresAt: undefined, tokenStatus: 'missing' };
  };

  private start(core: LuigiCore) {
    this.core = core;
    this.guard.start();
    // Before Luigi's own message listener exists, so the guard always sees messages first. The store
    // is looked up when a message needs it: reading `auth().store` before setConfig makes Luigi warn
    // "Luigi Core is not initialized yet" on every page load.
    this.frameTokens.install({
      setAuthData: data => core.auth().store.setAuthData(data),
      removeAuthData: () => core.auth().store.removeAuthData(),
    });
    this.contextPush.install();
    this.alerts.install();
    core.setConfig(
      buildLuigiConfig({
        apps: this.apps,
        globalContext: this.globalContext,
        loadTimeoutMs: this.loadTimeoutMs,
        gate: {
          viewPathname: () => this.viewPathname,
          isKnownPath: path => this.isKnownPath(path),
        },
        onRouted: path => {
          this.routedPath = path;
          // An alert belongs to the micro app that raised it: moving to another closes it.
          this.alerts.keepOnly(this.apps.find(app => app.pathSegment === firstSegment(path))?.entity.ref);
        },
        onPageError: () => this.view?.binding.onPageError(),
        tokenContextOf: this.tokenContextOf,
        onFrameCreated: (frame, node) => {
          applyFramePolicy(frame, this.referrerPolicy, this.frameRequestOf(node));
          this.frameTokens.frameCreated(frame, node);
        },
        afterInit: () => this.guard.restore(),
        onAlert: this.alerts.show,
      }),
    );
    if (this.look) applyLook(core, this.look, this.doc);
    this.guard.restore();
    if (this.authData && !this.frameTokens.provider) this.setAuthData(this.authData);
  }

  private pushNodes() {
    if (!this.core) return;
    const config = this.core.getConfig();
    config.navigation = {
      ...config.navigation,
      nodes: buildLuigiNodes(
        this.apps,
        this.loadTimeoutMs,
        () => this.view?.binding.onPageError(),
        this.tokenContextOf,
      ),
    };
    this.core.configChanged('navigation');
  }

  /**
   * Asks Luigi to route to the current URL without adding history (its `refreshRoute` message).
   * Calls in one tick (StrictMode's attach, detach, attach) make one route change, not two that
   * would each start a frame.
   */
  private refreshRoute() {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    queueMicrotask(() => {
      this.refreshQueued = false;
      window.postMessage({ msg: 'refreshRoute' }, window.location.origin);
    });
  }
}

let engine: LuigiEngine | undefined;

/** The engine of this browser tab, created on first use; from then on the sidebar routes through it. */
export function getLuigiEngine(): LuigiEngine {
  if (!engine) {
    const created = new LuigiEngine();
    engine = created;
    provideLuigiNavigation(luigiPath => created.navigate(luigiPath));
  }
  return engine;
}
