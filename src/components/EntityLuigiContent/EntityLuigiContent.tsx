import { EmptyState } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { MissingAnnotationEmptyState, useEntity } from '@backstage/plugin-catalog-react';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { LuigiTenant } from 'backstage-plugin-luigi-common';
import { MouseEvent, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { LUIGI_VIEWS_ANNOTATION, LUIGI_VIEW_URL_ANNOTATION } from '../../catalog/annotations';
import { entityTitleOf } from '../../catalog/entityTitle';
import { buildEntityViews, EntityViews, isLuigiAvailable } from '../../catalog/entityViews';
import { MicroApp } from '../../catalog/types';
import { entityViewsWithFrameRequest } from '../../catalog/frameRequests';
import { entityViewsWithClaims } from '../../catalog/registrantClaims';
import { entityViewsWithNodeSettings } from '../../catalog/nodeSettings';
import { inTenant } from '../../tenants/tenantApps';
import { TenantOriginScope } from '../../tenants/tenantOriginCheck';
import { originsOfTenant } from '../../tenants/tenantOrigins';
import { LuigiEngine, getLuigiEngine } from '../../engine/LuigiEngine';
import { firstSegment, luigiPathFromHash } from '../../engine/routeGate';
import { useLuigiSession } from '../../hooks/useLuigiSession';
import { LuigiSettings, useLuigiSettings } from '../../hooks/useLuigiSettings';
import { useEntityAccess } from '../../hooks/useEntityAccess';
import { useRedecideOnRefusal } from '../../hooks/useRedecideOnRefusal';
import { useProblemViewer } from '../../hooks/useProblemViewer';
import { problemsShownTo } from '../../access/problemAudience';
import { entityContextOf } from '../../catalog/buildMicroApps';
import { AccessDeniedPanel } from '../AccessPanels/AccessDeniedPanel';
import { AccessErrorPanel, AccessModePanel } from '../AccessPanels/AccessModePanel';
import { LuigiView } from '../LuigiView/LuigiView';
import { ConfigProblemsPanel } from '../ConfigProblemsPanel/ConfigProblemsPanel';
import { SlowProgress } from '../FailurePanel/SlowProgress';
import { TokenProblemPanel } from '../TokenProblemPanel/TokenProblemPanel';
import { PagePolicyPanel } from '../PagePolicyPanel/PagePolicyPanel';

/**
 * Props of {@link EntityLuigiContent}.
 * @public
 */
export interface EntityLuigiContentProps {
  /** Height of the micro frontend's area (any CSS length). Default: the rest of the window. */
  height?: number | string;
}

/**
 * The entity's views, rebuilt only when what they are made of changes: a catalog refresh hands a new
 * but equal entity object, which must not make Luigi reload the open micro frontend. In the entity's
 * tenant, views outside its origins are refused.
 */
function useEntityViews(
  entity: Entity,
  { allowedOrigins, frames, clientPermissions, claimRules }: Pick<LuigiSettings, 'allowedOrigins' | 'frames' | 'clientPermissions' | 'claimRules'>,
  tenant?: TenantOriginScope,
): EntityViews {
  // Frames asking for more than the admin grants, and claims of what config does not give the entity,
  // are refused, each view with the entity's reason.
  const framed = entityViewsWithClaims(
    entityViewsWithFrameRequest(buildEntityViews(entity, allowedOrigins, tenant), entity, frames.limits),
    entity,
    claimRules,
  );
  const built = entityViewsWithNodeSettings(framed, entity, allowedOrigins, clientPermissions);
  const key = JSON.stringify(built);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => built, [key]);
}

/** The views as shown in the entity's tenant, rebuilt only when the views or the tenant change. */
function useTenantViews(views: MicroApp[], tenant: LuigiTenant | undefined): MicroApp[] {
  const id = tenant?.id;
  const title = tenant?.title;
  return useMemo(
    () => inTenant(views, id === undefined ? undefined : { id, title: title ?? id }),
    [views, id, title],
  );
}

function ViewTabs({
  views,
  selected,
  engine,
}: {
  views: EntityViews['views'];
  selected: string;
  engine: LuigiEngine;
}) {
  const index = views.findIndex(view => view.pathSegment === selected);
  const open = (event: MouseEvent, segment: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    engine.navigate(`/${segment}`);
  };
  return (
    <Tabs
      value={index < 0 ? false : index}
      indicatorColor="primary"
      textColor="primary"
      variant="scrollable"
      scrollButtons="auto"
      aria-label="Micro frontends of this entity"
      data-testid="luigi-entity-tabs"
    >
      {views.map(view => (
        <Tab
          key={view.pathSegment}
          component="a"
          href={`#/${view.pathSegment}`}
          label={view.label}
          // A long word in a label wraps instead of being cut off by the tab's fixed maximum width.
          style={{ overflowWrap: 'anywhere' }}
          onClick={(event: MouseEvent) => open(event, view.pathSegment)}
          data-testid={`luigi-entity-tab-${view.pathSegment}`}
        />
      ))}
    </Tabs>
  );
}

function EntityViewsContent({
  entity,
  height,
  onRestart,
}: {
  entity: Entity;
  height: number | string;
  /** Starts the tab afresh (user, tokens, decision): the retry of a failed session. */
  onRestart(): void;
}) {
  const engine = getLuigiEngine();
  const settings = useLuigiSettings();
  // No view attaches until the backend has said this user may open the entity's micro frontends.
  const access = useEntityAccess(entity);
  // The entity's own tenant, from its allowed decision: in its views' context and token requests.
  const tenant = access.value?.tenant;
  const session = useLuigiSession(engine, tenant?.id);
  // A view whose token the backend now refuses gives way to the denied panel.
  useRedecideOnRefusal(session.appTokenProblem, access.retry);
  const origins =
    tenant && { id: tenant.id, origins: originsOfTenant(settings.tenantOrigins, tenant.id, settings.allowedOrigins) };
  const { views: entityViews, rejected } = useEntityViews(entity, settings, origins);
  // Only the entity's owners and the portal's admins see what is wrong with its registration.
  const viewer = useProblemViewer();
  const owner = entityContextOf(entity).owner;
  const views = useTenantViews(entityViews, tenant);
  const location = useLocation();
  const navigate = useNavigate();
  const selected = firstSegment(luigiPathFromHash(location.hash));
  // Only once decided: before, the tenant, and so which views it may frame, is not known.
  const first = access.value ? views[0]?.pathSegment : undefined;
  const opensDefault = selected === '' && first !== undefined;

  // With no Luigi path in the URL the first view opens, replacing the entry rather than adding one,
  // so Back leaves the tab instead of landing on an empty one.
  useEffect(() => {
    if (!opensDefault) return;
    navigate(
      { pathname: location.pathname, search: location.search, hash: `#/${first}` },
      { replace: true },
    );
  }, [opensDefault, first, navigate, location.pathname, location.search]);

  return (
    <>
      <TokenProblemPanel
        token={session.token}
        // Denied since (its access ended): the denied panel says it instead.
        appTokenProblem={access.value?.denied ? undefined : session.appTokenProblem}
        appTitle={entityTitleOf(entityViews, session.appTokenProblem?.entityRef)}
        identityError={session.user.error}
        canSignIn={session.canSignIn}
        onSignIn={session.signIn}
        onRetry={onRestart}
      />
      <PagePolicyPanel allowedOrigins={settings.allowedOrigins} />
      <ConfigProblemsPanel
        noun="micro frontend"
        message="These views of the entity are not shown; its other views work as usual. Listed for its owners and the portal's admins."
        problems={problemsShownTo(rejected.map(item => ({ ...item, owner })), viewer).map(item => ({
          label: item.label,
          source: item.annotation,
          reason: item.reason,
        }))}
        // The app's config is the admins' to fix.
        invalidOrigins={viewer?.admin ? settings.invalidOrigins : []}
      />
      {access.error && <AccessErrorPanel error={access.error} onRetry={access.retry} />}
      {access.value && <AccessModePanel mode={access.value.mode} />}
      {access.loading && !access.value && (
        <SlowProgress
          title="Still checking whether you may open this micro frontend"
          message="The portal is slow to answer. The micro frontend shows as soon as it does; if nothing changes, reload the page."
        />
      )}
      {access.value?.denied ? (
        <AccessDeniedPanel
          app={access.value.denied}
          userEntityRef={access.value.userEntityRef}
          requestAccessTemplate={settings.requestAccessUrl}
        />
      ) : !access.value ? null : views.length === 0 ? (
        <EmptyState
          missing="info"
          title="No micro frontend to show"
          description={`None of the micro frontends this entity declares can be shown here. Their URLs must be https (http only on localhost) and on an origin listed in luigi.allowedOrigins (and, in a tenant that narrows them, in the tenant's allowed origins).`}
        />
      ) : (
        <Paper data-testid="luigi-entity-content">
          {views.length > 1 && <ViewTabs views={views} selected={selected} engine={engine} />}
          {/* The view attaches once the URL names a view, so Luigi starts on it. */}
          {!opensDefault && (
            <LuigiView
              engine={engine}
              apps={views}
              loadTimeoutMs={settings.loadTimeoutMs}
              height={height}
              tenantId={tenant?.id}
            />
          )}
        </Paper>
      )}
    </>
  );
}

/**
 * An entity page tab showing the micro frontends the entity declares (`luigi-project.io/view-url`,
 * `luigi-project.io/views`), with the entity in their Luigi context. Several views get tabs. Shares the
 * browser tab's one Luigi instance with the micro apps page.
 * @public
 */
export function EntityLuigiContent({ height = 'calc(100vh - 340px)' }: EntityLuigiContentProps) {
  const { entity } = useEntity();
  const [attempt, setAttempt] = useState(0);
  if (!isLuigiAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={[LUIGI_VIEW_URL_ANNOTATION, LUIGI_VIEWS_ANNOTATION]}
      />
    );
  }
  return (
    <EntityViewsContent key={attempt} entity={entity} height={height} onRestart={() => setAttempt(n => n + 1)} />
  );
}
