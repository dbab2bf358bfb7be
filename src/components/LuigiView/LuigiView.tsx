import { EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useRef } from 'react';
import { DeniedMicroApp } from '../../access/applyAccess';
import { MicroApp } from '../../catalog/types';
import { AccessDeniedPanel } from '../AccessPanels/AccessDeniedPanel';
import { FailurePanel } from '../FailurePanel/FailurePanel';
import { LuigiEngine } from '../../engine/LuigiEngine';
import { PolicyBlockPanel } from '../PolicyBlockPanel/PolicyBlockPanel';
import { MicroAppAlertList } from './MicroAppAlertList';
import { LuigiViewState, useLuigiView } from './useLuigiView';

/** Props of {@link LuigiView}. */
export interface LuigiViewProps {
  engine: LuigiEngine;
  apps: readonly MicroApp[];
  loadTimeoutMs: number;
  /** Height of the content area (any CSS length). */
  height?: number | string;
  /** Apps the user may not open: a deep link to one shows who to ask, never a frame. */
  denied?: readonly DeniedMicroApp[];
  /** The signed-in user, for the request-access link. */
  userEntityRef?: string;
  /** `luigi.access.requestAccessUrl`, a template. */
  requestAccessTemplate?: string;
  /** The id of the tenant the apps belong to; undefined without tenants. */
  tenantId?: string;
}

function RetryButton({ onClick }: { onClick(): void }) {
  return (
    <Box mt={2}>
      <Button variant="contained" color="primary" onClick={onClick} data-testid="luigi-retry">
        Retry
      </Button>
    </Box>
  );
}

interface StatePanelProps {
  state: LuigiViewState;
  retry(): void;
  loadTimeoutMs: number;
  userEntityRef?: string;
  requestAccessTemplate?: string;
  tenantId?: string;
}

function StatePanel({ state, retry, loadTimeoutMs, userEntityRef = '', requestAccessTemplate, tenantId }: StatePanelProps) {
  switch (state.kind) {
    case 'denied':
      return (
        <AccessDeniedPanel
          app={state.app}
          userEntityRef={userEntityRef}
          requestAccessTemplate={requestAccessTemplate}
          tenantId={tenantId}
        />
      );
    case 'landing':
      return (
        <EmptyState
          missing="content"
          title="Choose a micro app"
          description="Pick a micro app from the list to open it here."
        />
      );
    case 'not-found':
      return (
        <EmptyState
          missing="data"
          title="No micro app at this address"
          description={`Nothing is registered at "${state.path}". It may have been removed, renamed, or you may not have access.`}
        />
      );
    case 'failed':
      // Words for the portal's users; no stack trace of an error nobody threw.
      return (
        <FailurePanel
          title={`${state.app.label} did not load`}
          message="The micro app did not answer in time. It may be down, refuse to be shown inside the portal, or not use the Luigi client. Retry, or open another micro app."
          error={`No Luigi handshake from ${state.app.viewUrl} within ${Math.round(loadTimeoutMs / 1000)} s`}
          onRetry={retry}
          testId="luigi-view-failed"
        />
      );
    case 'blocked':
      return (
        <PolicyBlockPanel
          title={`${state.app.label} is blocked by the portal's Content-Security-Policy`}
          block={state.block}
          action={
            <Button variant="outlined" onClick={() => window.location.reload()} data-testid="luigi-reload">
              Reload page
            </Button>
          }
        />
      );
    case 'engine-failed':
      return state.block ? (
        <Box>
          <PolicyBlockPanel title="Micro apps cannot start: Luigi core was blocked" block={state.block} />
          <RetryButton onClick={retry} />
        </Box>
      ) : (
        <FailurePanel
          title="Micro apps cannot start: Luigi core did not load"
          message="Part of this page did not download. Check your network connection and retry."
          error={state.error}
          onRetry={retry}
          testId="luigi-engine-failed"
        />
      );
    default:
      return null;
  }
}

/**
 * The Luigi content area: the engine's root while a micro app is shown, Backstage panels otherwise.
 * The container stays mounted in every state so Luigi is never torn down by a state change.
 */
export function LuigiView({
  engine,
  apps,
  loadTimeoutMs,
  height = 600,
  denied,
  userEntityRef,
  requestAccessTemplate,
  tenantId,
}: LuigiViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { state, retry, styleBlock, alerts, dismissAlert } = useLuigiView(engine, containerRef, apps, loadTimeoutMs, denied, tenantId);
  const showing = state.kind === 'showing';
  return (
    // No height of its own: the container has it while a micro app shows, and a panel (landing, denied,
    // not found …) is as tall as its content, with no empty block of the surface below it.
    <Box data-testid="luigi-view" data-state={state.kind} display="flex" flexDirection="column">
      {styleBlock && (
        <PolicyBlockPanel severity="warning" title="Micro apps' dialogs are unstyled" block={styleBlock} />
      )}
      <StatePanel
        state={state}
        retry={retry}
        loadTimeoutMs={loadTimeoutMs}
        userEntityRef={userEntityRef}
        requestAccessTemplate={requestAccessTemplate}
        tenantId={tenantId}
      />
      {showing && <MicroAppAlertList alerts={alerts} onDismiss={dismissAlert} />}
      <div
        ref={containerRef}
        data-testid="luigi-container"
        style={{
          display: showing ? 'block' : 'none',
          position: 'relative',
          height,
        }}
      />
    </Box>
  );
}
