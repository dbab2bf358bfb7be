import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { createRouter } from './router';

/**
 * The luigi backend plugin (plugin id `luigi`), served under `/api/luigi`. Stateless: whatever it
 * keeps lives in its database, so several backend replicas behave as one.
 * @public
 */
export const luigiPlugin = createBackendPlugin({
  pluginId: 'luigi',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use(createRouter());
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
