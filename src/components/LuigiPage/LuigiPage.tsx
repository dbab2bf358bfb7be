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
import { useLocation } from 'react-router-dom';
import { getLuigiEngine } from '../../engine/LuigiEngine';
import { firstSegment, luigiPathFromHash } from '../../engine/routeGate';
import { useLuigiSession } from '../../hooks/useLuigiSession';
import { useLuigiSettings } from '../../hooks/useLuigiSettings';
import { useMicroApps } from '../../hooks/useMicroApps';
import { AccessErrorPanel, AccessModePanel } from '../AccessPanels/AccessModePanel';
import { LuigiView } from '../LuigiView/LuigiView';
import { MicroAppNav } from '../MicroAppNav/MicroAppNav';
import { ConfigProblemsPanel } from '../ConfigProblemsPanel/ConfigProblemsPanel';
import { TokenProblemPanel } from '../TokenProblemPanel/TokenProblemPanel';
import { PagePolicyPanel } from '../PagePolicyPanel/PagePolicyPanel';

/** Props of {@link LuigiPage}. */
export interface LuigiPageProps {
  /** Page title. Default "Micro apps". */
  title?: string;
}

/** The micro apps page body: navigation on the left, the Luigi content area on the right. */
function MicroApps() {
  const engine = getLuigiEngine();
  const settings = useLuigiSettings();
  const microApps = useMicroApps();
  const session = useLuigiSession(engine);
  const location = useLocation();

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
  const { rejected } = microApps.catalog;

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
      {microApps.accessError ? null : apps.length === 0 && denied.length === 0 ? (
        <Grid item xs={12}>
          <EmptyState
            missing="info"
            title="No micro apps yet"
            description="Annotate a catalog entity with luigi-project.io/view-url (an https URL on an origin listed in luigi.allowedOrigins) to show its micro frontend here. The plugin's README, section “Register a micro app”, explains the annotations."
          />
        </Grid>
      ) : (
        <>
          <Grid item xs={12} md={3}>
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
              />
            </Paper>
          </Grid>
        </>
      )}
    </Grid>
  );
}

/**
 * The micro apps page: a Backstage header, micro apps grouped by category, and the Luigi content area.
 * @public
 */
export function LuigiPage({ title = 'Micro apps' }: LuigiPageProps) {
  return (
    <Page themeId="tool">
      <Header title={title} subtitle="Micro frontends from the software catalog" />
      <Content>
        <MicroApps />
      </Content>
    </Page>
  );
}
