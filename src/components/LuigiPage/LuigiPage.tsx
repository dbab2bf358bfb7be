import { Content, EmptyState, Header, Page } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import { LuigiTenant } from 'backstage-plugin-luigi-common';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { entityTitleOf } from '../../catalog/entityTitle';
import { getLuigiEngine } from '../../engine/LuigiEngine';
import { firstSegment, luigiPathFromHash } from '../../engine/routeGate';
import { useLuigiSession } from '../../hooks/useLuigiSession';
import { useLuigiSettings } from '../../hooks/useLuigiSettings';
import { useMicroApps } from '../../hooks/useMicroApps';
import { useRedecideOnRefusal } from '../../hooks/useRedecideOnRefusal';
import { useProblemViewer } from '../../hooks/useProblemViewer';
import { problemsShownTo } from '../../access/problemAudience';
import { usePageTenant } from '../../hooks/usePageTenant';
import { searchWithTenant } from '../../tenants/tenantUrl';
import { AccessErrorPanel, AccessModePanel } from '../AccessPanels/AccessModePanel';
import { AdminWarningsPanel } from '../AdminWarningsPanel';
import { AccessRequestsPanel } from '../AccessRequests/AccessRequestsPanel';
import { TenantDeniedPanel } from '../AccessPanels/TenantDeniedPanel';
import { LuigiView } from '../LuigiView/LuigiView';
import { MicroAppNav } from '../MicroAppNav/MicroAppNav';
import { ConfigProblemsPanel } from '../ConfigProblemsPanel/ConfigProblemsPanel';
import { FailurePanel } from '../FailurePanel/FailurePanel';
import { SlowProgress } from '../FailurePanel/SlowProgress';
import { TokenProblemPanel } from '../TokenProblemPanel/TokenProblemPanel';
import { PagePolicyPanel } from '../PagePolicyPanel/PagePolicyPanel';
import { TenantSwitcher } from '../TenantSwitcher/TenantSwitcher';

/** Props of {@link LuigiPage}. */
export interface LuigiPageProps {
  /** Page title. Default "Micro apps". */
  title?: string;
}

/** The tenant shown and the others the user may enter; absent without tenants. */
interface TenantProps {
  tenant?: LuigiTenant;
  tenants?: readonly LuigiTenant[];
  /** Starts the body afresh (user, tokens, catalog, decisions): the retry of a failed session. */
  onRestart?(): void;
}

/**
 * Opens the page in another tenant: a new URL (shareable, Back returns) at the tenant's root, since
 * the Luigi path of one tenant means nothing in another.
 */
function useSwitchTenant() {
  const location = useLocation();
  const navigate = useNavigate();
  return (tenantId: string) =>
    navigate({ pathname: location.pathname, search: searchWithTenant(location.search, tenantId) });
}

/** The micro apps page body in one tenant (or without tenants): navigation left, Luigi content right. */
function MicroApps({ tenant, tenants = [], onRestart }: TenantProps) {
  const engine = getLuigiEngine();
  const settings = useLuigiSettings();
  const microApps = useMicroApps({ tenant });
  const session = useLuigiSession(engine, tenant?.id);
  // An open app whose token the backend now refuses gives way to its denied panel.
  useRedecideOnRefusal(session.appTokenProblem, microApps.retry);
  const location = useLocation();
  const switchTenant = useSwitchTenant();
  // Only the entities' owners and the portal's admins see what is wrong with a registration.
  const viewer = useProblemViewer();
  // Entering a tenant drops what the previous one left in the engine, even if this one shows no
  // view (a view of the tenant does it first, before its apps reach the engine).
  useEffect(() => engine.resetForTenant(tenant?.id), [engine, tenant?.id]);
  // Only the tenant shown's refusals (and, once decided, its apps refused for the tenant's origins).
  const { rejected } = microApps;

  // The policy check needs no catalog: a portal whose catalog fails still learns what else is wrong.
  const policyPanel = <PagePolicyPanel allowedOrigins={settings.allowedOrigins} />;
  if (microApps.catalogError) {
    return (
      <>
        {policyPanel}
        <FailurePanel
          title="Could not load the micro apps"
          message="The software catalog, which lists the micro apps, did not answer. Retry in a moment; if it keeps failing, tell the portal's administrators."
          error={microApps.catalogError}
          onRetry={microApps.retry}
          retryTestId="luigi-catalog-retry"
          testId="luigi-catalog-error"
        />
      </>
    );
  }
  if (!microApps.catalog || (microApps.loading && !microApps.value && !microApps.accessError)) {
    return (
      <>
        {policyPanel}
        <SlowProgress
          title="Still loading the micro apps"
          message="The software catalog is slow to answer. The micro apps show as soon as it does; if nothing changes, reload the page."
        />
      </>
    );
  }
  // Deciding failed: deny every app, say so, and offer to ask again.
  const { apps, denied, mode, userEntityRef } = microApps.value ?? {
    apps: [],
    denied: [],
    mode: undefined,
    userEntityRef: undefined,
  };
  // Offered only when there is somewhere else to go.
  const switcher = tenant && tenants.length > 1 && (
    <TenantSwitcher tenants={tenants} current={tenant.id} onSwitch={switchTenant} />
  );

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        {policyPanel}
        {microApps.accessError && <AccessErrorPanel error={microApps.accessError} onRetry={microApps.retry} />}
        {mode && <AccessModePanel mode={mode} />}
        <TokenProblemPanel
          token={session.token}
          // An app denied since (its access ended) shows its denied panel instead.
          appTokenProblem={apps.some(app => app.entity.ref === session.appTokenProblem?.entityRef) ? session.appTokenProblem : undefined}
          appTitle={entityTitleOf(apps, session.appTokenProblem?.entityRef)}
          identityError={session.user.error}
          canSignIn={session.canSignIn}
          onSignIn={session.signIn}
          onRetry={onRestart}
        />
        <ConfigProblemsPanel
          noun="micro app"
          message="These micro apps, or views of them, are not shown; the others work as usual. Listed for their owners and the portal's admins."
          problems={problemsShownTo(rejected, viewer).map(item => ({ label: item.label, source: item.entityRef, view: item.view, reason: item.reason }))}
          // The app's config is the admins' to fix.
          invalidOrigins={viewer?.admin ? settings.invalidOrigins : []}
        />
      </Grid>
      {microApps.accessError ? (
        switcher && <Grid item xs={12} md={3}>{switcher}</Grid>
      ) : apps.length === 0 && denied.length === 0 ? (
        <Grid item xs={12}>
          {switcher}
          <EmptyState
            missing="info"
            title="No micro apps yet"
            description="Annotate a catalog entity with luigi-project.io/view-url (an https URL on an origin listed in luigi.allowedOrigins) to show its micro frontend here. The plugin's docs/micro-app-authors.md, section “Register a micro app”, explains the annotations."
          />
        </Grid>
      ) : (
        <>
          <Grid item xs={12} md={3}>
            {switcher}
            <Paper>
              <MicroAppNav
                apps={apps}
                selected={firstSegment(luigiPathFromHash(location.hash))}
                selectedPath={luigiPathFromHash(location.hash)}
                onOpen={(path, modal) => (modal ? engine.openAsModal(path, modal) : engine.navigate(path))}
              />
            </Paper>
          </Grid>
          <Grid item xs={12} md={9}>
            <Paper>
              <LuigiView
                engine={engine}
                apps={apps}
                loadTimeoutMs={settings.loadTimeoutMs}
                height="calc(100vh - 260px)"
                denied={denied}
                userEntityRef={userEntityRef}
                requestAccessTemplate={settings.requestAccessUrl}
                tenantId={tenant?.id}
              />
            </Paper>
          </Grid>
        </>
      )}
    </Grid>
  );
}

/**
 * The page's tenant first: nothing of a tenant is shown before the backend let the user enter it.
 * Each tenant gets a fresh body (`key`), so no state, frame or token of one survives into another.
 */
function TenantMicroApps() {
  const settings = useLuigiSettings();
  const state = usePageTenant();
  const location = useLocation();
  // Each retry of a failed session gets a fresh body, as each tenant does.
  const [attempt, setAttempt] = useState(0);
  const restart = () => setAttempt(current => current + 1);
  const policyPanel = <PagePolicyPanel allowedOrigins={settings.allowedOrigins} />;
  switch (state.kind) {
    case 'untenanted':
      return <MicroApps key={attempt} onRestart={restart} />;
    case 'entered':
      return (
        <MicroApps
          key={`${state.tenant.id}#${attempt}`}
          tenant={state.tenant}
          tenants={state.tenants}
          onRestart={restart}
        />
      );
    case 'denied':
      return (
        <>
          {policyPanel}
          <TenantDeniedPanel
            tenantId={state.tenantId}
            enterable={state.enterable}
            linkTo={id => `${location.pathname}${searchWithTenant(location.search, id)}`}
          />
        </>
      );
    case 'error':
      return (
        <>
          {policyPanel}
          <AccessErrorPanel title="Could not check which tenants you may enter" error={state.error} onRetry={state.retry} />
        </>
      );
    default:
      return (
        <>
          {policyPanel}
          <SlowProgress
            title="Still checking which tenants you may enter"
            message="The portal is slow to answer. The micro apps show as soon as it does; if nothing changes, reload the page."
          />
        </>
      );
  }
}

/**
 * The micro apps page: a Backstage header, micro apps grouped by category, and the Luigi content area.
 * While tenants are configured it shows one tenant at a time, the one named by `?tenant=`.
 * @public
 */
export function LuigiPage({ title = 'Micro apps' }: LuigiPageProps) {
  return (
    <Page themeId="tool">
      <Header title={title} subtitle="Micro frontends from the software catalog" />
      <Content>
        <AdminWarningsPanel />
        <AccessRequestsPanel />
        <TenantMicroApps />
      </Content>
    </Page>
  );
}
