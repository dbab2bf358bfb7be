// The legacy dev portal: the app an `App.tsx` would make, with the plugin's page, sidebar item and
// entity tab. Rendered by dev/index.tsx (`npm start`) and dev/production (the production build).
import { createApp } from '@backstage/app-defaults';
import {
  AlertDisplay,
  Content,
  Header,
  InfoCard,
  OAuthRequestDialog,
  Page,
  Sidebar,
  SidebarItem,
  SidebarPage,
  SidebarSpace,
  SidebarDivider,
} from '@backstage/core-components';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import { configApiRef, createApiFactory, identityApiRef, useApi } from '@backstage/core-plugin-api';
import { ScmAuth, ScmIntegrationsApi, scmIntegrationsApiRef } from '@backstage/integration-react';
import {
  CatalogEntityPage,
  CatalogIndexPage,
  EntityLayout,
  EntityProcessingErrorsPanel,
  EntitySwitch,
  catalogPlugin,
  hasCatalogProcessingErrors,
} from '@backstage/plugin-catalog';
import { CatalogImportPage, catalogImportPlugin } from '@backstage/plugin-catalog-import';
import { ScaffolderPage, scaffolderPlugin } from '@backstage/plugin-scaffolder';
import CreateComponentIcon from '@material-ui/icons/AddBox';
import { Administration, RbacPage, rbacPlugin } from '@backstage-community/plugin-rbac';
import { UserSettingsPage } from '@backstage/plugin-user-settings';
import SettingsIcon from '@material-ui/icons/Settings';
import { useEntity } from '@backstage/plugin-catalog-react';
import AddCircleOutlineIcon from '@material-ui/icons/AddCircleOutline';
import Typography from '@material-ui/core/Typography';
import CategoryIcon from '@material-ui/icons/Category';
import HomeIcon from '@material-ui/icons/Home';
import ExitToAppIcon from '@material-ui/icons/ExitToApp';
import { StrictMode } from 'react';
import { Navigate, Route, useSearchParams } from 'react-router-dom';
import {
  EntityLuigiContent,
  LuigiPage,
  LuigiSidebarItem,
  isLuigiAvailable,
  luigiPlugin,
  AuthApiTokenSource,
  luigiTokenSourceApiRef,
} from '../src';
import { DevSignInPage } from './auth/DevSignInPage';
import { oidcAuthApiFactory, oidcAuthApiRef } from './auth/oidcAuthApi';
import { HomePage } from './HomePage';
import { liveThemes } from './liveThemes';

/** Signs out through Backstage's identity API (the auth backend ends the session). */
function SignOutItem() {
  const identityApi = useApi(identityApiRef);
  return <SidebarItem icon={ExitToAppIcon} text="Sign out" onClick={() => identityApi.signOut()} />;
}

/**
 * Dev only, for `npm run bench`: `/bench/iframe?src=<url>` frames a micro app URL in a plain
 * `<iframe>` on a plain Backstage page (no Luigi), as the baseline for the time to a micro app.
 * Only origins of `luigi.allowedOrigins`; the sandbox and height match the Luigi view's.
 */
function BenchIframePage() {
  const [params] = useSearchParams();
  const allowed = useApi(configApiRef).getOptionalStringArray('luigi.allowedOrigins') ?? [];
  const src = params.get('src') ?? '';
  let origin = '';
  try {
    origin = new URL(src).origin;
  } catch {
    // not a URL: nothing is framed
  }
  return (
    <Page themeId="tool">
      <Header title="Plain iframe" subtitle="Benchmark baseline" />
      <Content>
        {allowed.includes(origin) ? (
          <iframe
            title="micro app"
            data-testid="bench-iframe"
            src={src}
            sandbox="allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts"
            style={{ width: '100%', height: 'calc(100vh - 260px)', border: 0 }}
          />
        ) : (
          <Typography>Not an allowed origin: {src}</Typography>
        )}
      </Content>
    </Page>
  );
}

/** A small overview tab, so moving between entity tabs (and Back) can be tried. */
function EntityOverview() {
  const { entity } = useEntity();
  return (
    <Content>
      {/* As in an app made by @backstage/create-app: the catalog's processing errors, which is
          where the plugin's catalog module reports a bad registration to its owner. */}
      <EntitySwitch>
        <EntitySwitch.Case if={hasCatalogProcessingErrors}>
          <EntityProcessingErrorsPanel />
        </EntitySwitch.Case>
      </EntitySwitch>
      <InfoCard title={entity.metadata.title ?? entity.metadata.name}>
        <Typography data-testid="dev-entity-overview">
          {entity.metadata.description ?? 'No description.'}
        </Typography>
      </InfoCard>
    </Content>
  );
}

/**
 * The entity page, as an app's `EntityPage.tsx` would set it up with the plugin's tab. The plugin's
 * views run in StrictMode on purpose: they must survive React's double mount. Not the rest of the
 * app: MUI v4's dynamic styles (the sidebar's, the catalog import page's) break under it.
 */
const entityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <EntityOverview />
    </EntityLayout.Route>
    <EntityLayout.Route path="/luigi" title="Micro frontend" if={isLuigiAvailable}>
      <StrictMode>
        <EntityLuigiContent />
      </StrictMode>
    </EntityLayout.Route>
  </EntityLayout>
);

const app = createApp({
  plugins: [luigiPlugin, catalogPlugin, catalogImportPlugin, scaffolderPlugin, rbacPlugin],
  // Light and dark with one shared provider: a theme switch reaches open micro apps without
  // reloading them (the new frontend system's dev portal keeps Backstage's defaults, which reload).
  themes: liveThemes,
  apis: [
    // As in an app made by create-app: what the catalog's import page needs.
    createApiFactory({
      api: scmIntegrationsApiRef,
      deps: { configApi: configApiRef },
      factory: ({ configApi }) => ScmIntegrationsApi.fromConfig(configApi),
    }),
    ScmAuth.createDefaultApiFactory(),
    oidcAuthApiFactory,
    // Micro apps get the OIDC access token (audience luigi-micro-apps) rather than Backstage's own.
    createApiFactory({
      api: luigiTokenSourceApiRef,
      deps: { auth: oidcAuthApiRef },
      factory: ({ auth }) => new AuthApiTokenSource(auth, { kind: 'access' }),
    }),
  ],
  components: { SignInPage: DevSignInPage },
  // As in an app made by create-app: the catalog's "Create" button opens the templates, a template's
  // "Register existing component" link the import page.
  bindRoutes({ bind }) {
    bind(catalogPlugin.externalRoutes, { createComponent: scaffolderPlugin.routes.root });
    bind(scaffolderPlugin.externalRoutes, { registerComponent: catalogImportPlugin.routes.importPage });
  },
  // Two languages, so the settings page offers a choice; micro apps follow it (getCurrentLocale).
  __experimentalTranslations: { availableLanguages: ['en', 'de'] },
});

/** The legacy dev portal's root element. */
export const DevApp = app.createRoot(
  <>
    <AlertDisplay />
    <OAuthRequestDialog />
    <AppRouter>
      <SidebarPage>
        <Sidebar>
          <SidebarItem icon={HomeIcon} to="/home" text="Home" />
          <SidebarItem icon={CategoryIcon} to="/catalog" text="Catalog" />
          <SidebarItem icon={AddCircleOutlineIcon} to="/catalog-import" text="Register" />
          {/* Software Templates: a micro app team creates its app from templates/luigi-micro-app. */}
          <SidebarItem icon={CreateComponentIcon} to="/create" text="Create" />
          <LuigiSidebarItem />
          <SidebarSpace />
          <SidebarDivider />
          {/* RBAC's own item: shown to those who may administer roles (platform-admins). */}
          <Administration />
          <SidebarItem icon={SettingsIcon} to="/settings" text="Settings" />
          <SignOutItem />
        </Sidebar>
        <FlatRoutes>
          <Route path="/" element={<Navigate to="/home" />} />
          <Route path="/home" element={<HomePage />} />
          <Route path="/luigi" element={<StrictMode><LuigiPage /></StrictMode>} />
          <Route path="/catalog" element={<CatalogIndexPage />} />
          <Route path="/catalog-import" element={<CatalogImportPage />} />
          <Route path="/create" element={<ScaffolderPage />} />
          <Route path="/rbac" element={<RbacPage />} />
          {/* Backstage's own settings page: theme and language, which micro apps follow. */}
          <Route path="/settings" element={<UserSettingsPage />} />
          <Route path="/bench/iframe" element={<BenchIframePage />} />
          <Route path="/catalog/:namespace/:kind/:name" element={<CatalogEntityPage />}>
            {entityPage}
          </Route>
        </FlatRoutes>
      </SidebarPage>
    </AppRouter>
  </>,
);
