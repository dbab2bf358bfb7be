/**
 * The Luigi plugin for Backstage's new frontend system: `import luigiPlugin from 'backstage-plugin-luigi/alpha'`,
 * or let the app discover it with `app.packages: all`.
 * @packageDocumentation
 */
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { luigiAccessApi, luigiTokenSourceApi } from './apis';
import { luigiEntityContent } from './entityContent';
import { luigiPage } from './pages';

export { luigiAccessApi, luigiTokenSourceApi, luigiEntityContent, luigiPage };

/**
 * The Luigi plugin (id `luigi`): the micro apps page with its sidebar item, the entity content tab and
 * the token source API.
 * @alpha
 */
export const luigiPlugin = createFrontendPlugin({
  pluginId: 'luigi',
  title: 'Micro apps',
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [luigiTokenSourceApi, luigiAccessApi, luigiPage, luigiEntityContent],
});

export default luigiPlugin;
