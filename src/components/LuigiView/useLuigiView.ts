import { RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { DeniedMicroApp } from '../../access/applyAccess';
import { MicroApp } from '../../catalog/types';
import { PolicyBlock } from '../../csp/policyAdvice';
import { LuigiEngine } from '../../engine/LuigiEngine';
import type { MicroAppAlert } from '../../engine/microAppAlerts';
import { useLuigiSettings } from '../../hooks/useLuigiSettings';
import { firstSegment, luigiPathFromHash } from '../../engine/routeGate';

/** What the content area shows. */
export type LuigiViewState =
  | { kind: 'landing' }
  | { kind: 'not-found'; path: string }
  /** The user may not open the micro app at this path: Luigi has no node for it, so no frame. */
  | { kind: 'denied'; app: DeniedMicroApp }
  | { kind: 'failed'; app: MicroApp }
  /** The page's Content-Security-Policy refused to frame the micro app's origin. */
  | { kind: 'blocked'; app: MicroApp; block: PolicyBlock }
  /** Luigi core did not load; `block` says which policy refused it, if one did. */
  | { kind: 'engine-failed'; error: Error; block?: PolicyBlock }
  | { kind: 'showing'; app: MicroApp };

function originOf(url: string): string {
  return new URL(url).origin;
}

/** Adds a block unless an equal one is known, keeping the array identity when nothing changes. */
function withBlock(blocks: readonly PolicyBlock[], block: PolicyBlock): readonly PolicyBlock[] {
  const known = blocks.some(
    other => other.kind === block.kind && other.blocked === block.blocked && other.directive === block.directive,
  );
  return known ? blocks : [...blocks, block];
}

/**
 * Attaches the engine's Luigi root to `containerRef` while mounted, and derives from the URL hash what
 * the content area shows. A micro app whose handshake timed out is reported as failed until retried
 * or left; one whose origin the page's policy refuses to frame is reported as blocked at once.
 * `tenantId` is the tenant the apps belong to (undefined without tenants): the engine drops what
 * another tenant left before it gets these apps.
 */
export function useLuigiView(
  engine: LuigiEngine,
  containerRef: RefObject<HTMLDivElement>,
  apps: readonly MicroApp[],
  loadTimeoutMs: number,
  denied: readonly DeniedMicroApp[] = [],
  tenantId?: string,
) {
  const location = useLocation();
  const { referrerPolicy } = useLuigiSettings().frames;
  const luigiPath = luigiPathFromHash(location.hash);
  const app = apps.find(candidate => candidate.pathSegment === firstSegment(luigiPath));
  const [failedPath, setFailedPath] = useState<string>();
  const [blocks, setBlocks] = useState<readonly PolicyBlock[]>([]);
  const [engineError, setEngineError] = useState<Error>();
  const [alerts, setAlerts] = useState<readonly MicroAppAlert[]>([]);
  const pathRef = useRef(luigiPath);
  pathRef.current = luigiPath;

  // Tenant, apps, timeout and frame policy must reach the engine before it starts Luigi on attach (effects run in
  // order); the tenant first, as entering another one drops the nodes.
  useEffect(() => engine.resetForTenant(tenantId), [engine, tenantId]);
  useEffect(() => engine.setLoadTimeout(loadTimeoutMs), [engine, loadTimeoutMs]);
  // Before any frame of the view is created.
  useEffect(() => engine.setReferrerPolicy(referrerPolicy), [engine, referrerPolicy]);
  useEffect(() => engine.setApps(apps), [engine, apps]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    engine.attach(container, {
      onPageError: () => setFailedPath(pathRef.current),
      onPolicyBlock: block => setBlocks(current => withBlock(current, block)),
      onEngineError: setEngineError,
      onAlerts: setAlerts,
    });
    return () => engine.detach(container);
  }, [engine, containerRef]);

  useEffect(() => engine.setViewPathname(location.pathname), [engine, location.pathname]);
  // A host router link to this page with another hash does not reach Luigi by itself.
  useEffect(() => engine.syncToUrl(luigiPath), [engine, luigiPath]);

  const retry = useCallback(() => {
    setFailedPath(undefined);
    setEngineError(undefined);
    engine.retry();
  }, [engine]);

  const navigate = useCallback((luigiTarget: string) => engine.navigate(luigiTarget), [engine]);
  const dismissAlert = useCallback((id: string) => engine.dismissAlert(id), [engine]);

  const frameBlock = app && blocks.find(block => block.kind === 'frame' && block.blocked === originOf(app.viewUrl));
  let state: LuigiViewState;
  if (engineError) state = { kind: 'engine-failed', error: engineError, block: blocks.find(b => b.kind === 'script') };
  else if (firstSegment(luigiPath) === '') state = { kind: 'landing' };
  else if (!app) {
    const deniedApp = denied.find(candidate => candidate.pathSegment === firstSegment(luigiPath));
    state = deniedApp ? { kind: 'denied', app: deniedApp } : { kind: 'not-found', path: luigiPath };
  }
  else if (frameBlock) state = { kind: 'blocked', app, block: frameBlock };
  else if (failedPath === luigiPath) state = { kind: 'failed', app };
  else state = { kind: 'showing', app };

  /** A refused stylesheet breaks no micro app, so it is a warning beside the view, not a state. */
  const styleBlock = blocks.find(block => block.kind === 'style');
  return { state, retry, navigate, styleBlock, alerts, dismissAlert };
}
