// The dev portal on Backstage's new frontend system (`npm run start:nfs`): the same sample catalog,
// micro apps and local OIDC sign-in as dev/index.tsx, with the plugin from `backstage-plugin-luigi/alpha`.
import '@backstage/ui/css/styles.css';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { createApp } from '@backstage/frontend-defaults';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  createRouteRef,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import HomeIcon from '@material-ui/icons/Home';
import luigiPlugin from '../../src/alpha';
import { devOidcAuth, devOidcAuthApiRef } from '../auth/DevOidcAuth';
import { DevSignInPage } from '../auth/DevSignInPage';
import { HomePage } from '../HomePage';
import { sampleEntities } from '../sampleCatalog';
import { renderAfterSignIn } from '../auth/renderAfterSignIn';

/** The catalog plugin reads the in-memory sample catalog instead of a backend. */
const sampleCatalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogApiRef,
          deps: {},
          factory: () => new InMemoryCatalogClient({ entities: sampleEntities }),
        }),
    }),
  ],
});

/** Sign-in at the local OIDC provider, as in the legacy dev portal. */
const devSignInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({ params: { loader: async () => DevSignInPage } }),
    ApiBlueprint.make({
      name: 'dev-oidc',
      params: defineParams =>
        defineParams({ api: devOidcAuthApiRef, deps: {}, factory: () => devOidcAuth }),
    }),
  ],
});

/** Another portal page, so leaving the micro apps page and coming back can be tried. */
const devHomePlugin = createFrontendPlugin({
  pluginId: 'dev-home',
  extensions: [
    PageBlueprint.make({
      params: {
        path: '/home',
        title: 'Home',
        icon: <HomeIcon fontSize="inherit" />,
        noHeader: true,
        routeRef: createRouteRef(),
        loader: async () => <HomePage />,
      },
    }),
  ],
});

const app = createApp({
  features: [catalogPlugin, luigiPlugin, sampleCatalogModule, devSignInModule, devHomePlugin],
});

// Not in StrictMode, unlike dev/index.tsx (which keeps the engine tested under React's double
// mount): here it strips the MUI v4 styles of the new system's sidebar, leaving it unstyled.
void renderAfterSignIn(app.createRoot());
