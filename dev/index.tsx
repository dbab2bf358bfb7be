// Backstage UI's stylesheet, which the sidebar and other core components are drawn with.
import '@backstage/ui/css/styles.css';
import { createApp } from '@backstage/app-defaults';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import {
  AlertDisplay,
  OAuthRequestDialog,
  Sidebar,
  SidebarItem,
  SidebarPage,
  SidebarSpace,
  SidebarDivider,
} from '@backstage/core-components';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import { createApiFactory } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import ExtensionIcon from '@material-ui/icons/Extension';
import HomeIcon from '@material-ui/icons/Home';
import ExitToAppIcon from '@material-ui/icons/ExitToApp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Navigate, Route } from 'react-router-dom';
import { LuigiPage, luigiPlugin } from '../src';
import { devOidcAuth, devOidcAuthApiRef } from './auth/DevOidcAuth';
import { DevSignInPage } from './auth/DevSignInPage';
import { completeSignIn, isSignInCallback } from './auth/devOidcClient';
import { HomePage } from './HomePage';
import { sampleEntities } from './sampleCatalog';

const app = createApp({
  plugins: [luigiPlugin],
  apis: [
    createApiFactory({
      api: catalogApiRef,
      deps: {},
      factory: () => new InMemoryCatalogClient({ entities: sampleEntities }),
    }),
    createApiFactory({ api: devOidcAuthApiRef, deps: {}, factory: () => devOidcAuth }),
  ],
  components: { SignInPage: DevSignInPage },
});

const DevApp = app.createRoot(
  <>
    <AlertDisplay />
    <OAuthRequestDialog />
    <AppRouter>
      <SidebarPage>
        <Sidebar>
          <SidebarItem icon={HomeIcon} to="/home" text="Home" />
          <SidebarItem icon={ExtensionIcon} to="/luigi" text="Micro apps" />
          <SidebarSpace />
          <SidebarDivider />
          <SidebarItem icon={ExitToAppIcon} text="Sign out" onClick={() => devOidcAuth.signOut()} />
        </Sidebar>
        <FlatRoutes>
          <Route path="/" element={<Navigate to="/home" />} />
          <Route path="/home" element={<HomePage />} />
          <Route path="/luigi" element={<LuigiPage />} />
        </FlatRoutes>
      </SidebarPage>
    </AppRouter>
  </>,
);

// The provider's redirect is completed before the app renders, so the router starts at the page
// the user came from.
const signedIn = isSignInCallback()
  ? completeSignIn().then(
      tokens => devOidcAuth.setTokens(tokens),
      (error: Error) => error,
    )
  : Promise.resolve(undefined);

signedIn.then(error => {
  // StrictMode on purpose: the engine must survive React's double mount.
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <DevApp />
      {error instanceof Error && <pre data-testid="dev-sign-in-error">{String(error)}</pre>}
    </StrictMode>,
  );
});
