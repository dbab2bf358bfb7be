import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { LuigiAccessClient, luigiAccessApiRef } from './access/luigiAccessApi';
import { BackstageIdentityTokenSource, luigiTokenSourceApiRef } from './auth/tokenSource';
import { rootRouteRef } from './routes';

/**
 * The Luigi plugin for Backstage's legacy frontend system.
 * @public
 */
export const luigiPlugin = createPlugin({
  id: 'luigi',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: luigiTokenSourceApiRef,
      deps: { identityApi: identityApiRef },
      factory: ({ identityApi }) => new BackstageIdentityTokenSource(identityApi),
    }),
    createApiFactory({
      api: luigiAccessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new LuigiAccessClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The micro apps page: navigation from the catalog and the Luigi content area. Mount it at a path of
 * your choice, e.g. `<Route path="/luigi" element={<LuigiPage />} />`.
 * @public
 */
export const LuigiPage = luigiPlugin.provide(
  createRoutableExtension({
    name: 'LuigiPage',
    component: () => import('./components/LuigiPage').then(m => m.LuigiPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity page tab with the micro frontends the entity declares. Use it with `isLuigiAvailable`, e.g.
 * `<EntityLayout.Route path="/luigi" title="Micro frontend" if={isLuigiAvailable}><EntityLuigiContent /></EntityLayout.Route>`.
 * @public
 */
export const EntityLuigiContent = luigiPlugin.provide(
  createComponentExtension({
    name: 'EntityLuigiContent',
    component: {
      lazy: () => import('./components/EntityLuigiContent').then(m => m.EntityLuigiContent),
    },
  }),
);
