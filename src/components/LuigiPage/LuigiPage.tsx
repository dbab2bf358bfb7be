import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import { LuigiTenant } from 'backstage-plugin-luigi-common';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { getLuigiEngine } from '../../engine/LuigiEngine';
import { firstSegment, luigiPathFromHash } from '../../engine/routeGate';
import { useLuigiSession } from '../../hooks/useLuigiSession';
import { useLuigiSettings } from '../../hooks/useLuigiSettings';
import { useMicroApps } from '../../hooks/useMicroApps';
import { usePageTenant } from '../../hooks/usePageTenant';
import { searchWithTenant } from '../../tenants/tenantUrl';
import { AccessErrorPanel, AccessModePanel } from '../AccessPanels/AccessModePanel';
import { TenantDeniedPanel } from '../AccessPanels/TenantDeniedPanel';
import { LuigiView } from '../LuigiView/LuigiView';
import { MicroAppNav } from '../MicroAppNav/MicroAppNav';
import { ConfigProblemsPanel } from '../ConfigProblemsPanel/ConfigProblemsPanel';
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
function MicroApps({ tenant, tenants = [] }: TenantProps) {
  const engine = getLuigiEngine();
  const settings = useLuigiSettings();
  const microApps = useMicroApps({ tenant });
  const session = useLuigiSession(engine, tenant?.id);
  const location = useLocation();
  const switchTenant = useSwitchTenant();
  // Entering a tenant drops what the previous one left in the engine, even if this one shows no
  // view (a view of the tenant does it first, before its apps reach the engine).
  useEffect(() => engine.resetForTenant(tenant?.id), [engine, tenant?.id]);

  // The policy check needs no catalog: a portal whose catalog fails still learns what else is wrong.
  const policyPanel = <PagePolicyPanel allowedOrigins={settings.allowedOrigins} />;
  if (microApps.catalogError) return <>{policyPanel}<ResponseErrorPanel error={microApps.catalogError} /></>;
  if (!microApps.catalog || (microApps.loading && !microApps.value && !microApps.accessError)) {
    return <>{policyPanel}<Progress /></>;
  }
  // Deciding failed: deny every app, say so, and offer to ask again.
  const { apps, denied, mode, userEntityRef } = microApps.value ?? {
    apps: [],
    denied: [],
    mode: undefined,
    userEntityRef: undefined,
  };
  // Once decided, this adds the apps refused for the tenant's origins to the catalog's refusals.
  const rejected = microApps.value?.rejected ?? microApps.catalog.rejected;
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
          appTokenProblem={session.appTokenProblem}
          canSignIn={session.canSignIn}
          onSignIn={session.signIn}
        />
        <ConfigProblemsPanel
          noun="micro app"
          message="These entries are hidden from navigation; the other micro apps work as usual."
          problems={rejected.map(item => ({ label: item.label, source: item.entityRef, reason: item.reason }))}
          invalidOrigins={settings.invalidOrigins}
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
            description="Annotate a catalog entity with luigi-project.io/view-url (an https URL on an origin listed in luigi.allowedOrigins) to show its micro frontend here. The plugin's README, section “Register a micro app”, explains the annotations."
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
                onOpen={path => engine.navigate(path)}
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
  const policyPanel = <PagePolicyPanel allowedOrigins={settings.allowedOrigins} />;
  switch (state.kind) {
    case 'untenanted':
      return <MicroApps />;
    case 'entered':
      return <MicroApps key={state.tenant.id} tenant={state.tenant} tenants={state.tenants} />;
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
      return <>{policyPanel}<AccessErrorPanel error={state.error} onRetry={state.retry} /></>;
    default:
      return <>{policyPanel}<Progress /></>;
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
        <TenantMicroApps />
      </Content>
    </Page>
  );
}
