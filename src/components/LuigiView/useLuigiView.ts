import { RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { MicroApp } from '../../catalog/types';
import { LuigiEngine } from '../../engine/LuigiEngine';
import { firstSegment, luigiPathFromHash } from '../../engine/routeGate';

/** What the content area shows. */
export type LuigiViewState =
  | { kind: 'landing' }
  | { kind: 'not-found'; path: string }
  | { kind: 'failed'; app: MicroApp }
  | { kind: 'showing'; app: MicroApp };

/**
 * Attaches the engine's Luigi root to `containerRef` while mounted, and derives from the URL hash what
 * the content area shows. A micro app whose handshake timed out is reported as failed until retried
 * or left.
 */
export function useLuigiView(
  engine: LuigiEngine,
  containerRef: RefObject<HTMLDivElement>,
  apps: readonly MicroApp[],
  loadTimeoutMs: number,
) {
  const location = useLocation();
  const luigiPath = luigiPathFromHash(location.hash);
  const app = apps.find(candidate => candidate.pathSegment === firstSegment(luigiPath));
  const [failedPath, setFailedPath] = useState<string>();
  const pathRef = useRef(luigiPath);
  pathRef.current = luigiPath;

  // Apps and timeout must reach the engine before it starts Luigi on attach (effects run in order).
  useEffect(() => engine.setLoadTimeout(loadTimeoutMs), [engine, loadTimeoutMs]);
  useEffect(() => engine.setApps(apps), [engine, apps]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    engine.attach(container, { onPageError: () => setFailedPath(pathRef.current) });
    return () => engine.detach(container);
  }, [engine, containerRef]);

  useEffect(() => engine.setViewPathname(location.pathname), [engine, location.pathname]);
  // A host router link to this page with another hash does not reach Luigi by itself.
  useEffect(() => engine.syncToUrl(luigiPath), [engine, luigiPath]);

  const retry = useCallback(() => {
    setFailedPath(undefined);
    engine.retry();
  }, [engine]);

  const navigate = useCallback((luigiTarget: string) => engine.navigate(luigiTarget), [engine]);

  let state: LuigiViewState;
  if (firstSegment(luigiPath) === '') state = { kind: 'landing' };
  else if (!app) state = { kind: 'not-found', path: luigiPath };
  else if (failedPath === luigiPath) state = { kind: 'failed', app };
  else state = { kind: 'showing', app };

  return { state, retry, navigate };
}
