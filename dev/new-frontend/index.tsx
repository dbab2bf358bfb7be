// The dev portal on Backstage's new frontend system (`npm run start:nfs`): the same backend, sample
// catalog, micro apps and sign-in as dev/index.tsx, with the plugin from `backstage-plugin-luigi/alpha`.
import '@backstage/ui/css/styles.css';
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
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import HomeIcon from '@material-ui/icons/Home';
import { createRoot } from 'react-dom/client';
import { AuthApiTokenSource, luigiTokenSourceApiRef } from '../../src';
import luigiPlugin from '../../src/alpha';
import { DevSignInPage } from '../auth/DevSignInPage';
import { oidcAuthApiFactory, oidcAuthApiRef } from '../auth/oidcAuthApi';
import { HomePage } from '../HomePage';

/** Sign-in through the auth backend at the local OIDC provider, as in the legacy dev portal. */
const devSignInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({ params: { loader: async () => DevSignInPage } }),
    ApiBlueprint.make({ name: 'dev-oidc', params: defineParams => defineParams(oidcAuthApiFactory) }),
  ],
});

/** Micro apps get the OIDC access token (audience luigi-micro-apps) rather than Backstage's own. */
const oidcTokenSourceModule = createFrontendModule({
  pluginId: 'luigi',
  extensions: [
    ApiBlueprint.make({
      name: 'token-source',
      params: defineParams =>
        defineParams({
          api: luigiTokenSourceApiRef,
          deps: { auth: oidcAuthApiRef },
          factory: ({ auth }) => new AuthApiTokenSource(auth, { kind: 'access' }),
        }),
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
  // Backstage's settings page (/settings), where the user picks a theme that micro apps then get;
  // the scaffolder's Create page (/create) with the micro app template.
  features: [
    catalogPlugin,
    scaffolderPlugin,
    userSettingsPlugin,
    luigiPlugin,
    devSignInModule,
    oidcTokenSourceModule,
    devHomePlugin,
  ],
});

// Not in StrictMode, unlike dev/index.tsx (which keeps the engine tested under React's double
// mount): here it strips the MUI v4 styles of the new system's sidebar, leaving it unstyled.
createRoot(document.getElementById('root')!).render(app.createRoot());
