import { compatWrapper, convertLegacyRouteRef } from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import ExtensionIcon from '@material-ui/icons/Extension';
import { rootRouteRef } from '../routes';

/**
 * The micro apps page, at `/luigi` by default. Its title and icon make the app's sidebar item.
 * Configurable through `app.extensions`: `- page:luigi: { config: { path: /apps, title: Apps } }`.
 * @alpha
 */
export const luigiPage = PageBlueprint.make({
  params: {
    path: '/luigi',
    title: 'Micro apps',
    icon: <ExtensionIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    // The page draws its own Backstage header, as in the legacy system.
    noHeader: true,
    loader: () =>
      import('../components/LuigiPage').then(m => compatWrapper(<m.LuigiPage />)),
  },
});
