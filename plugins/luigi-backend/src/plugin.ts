import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { luigiPermissions } from 'backstage-plugin-luigi-common';
import { readAccessMode } from './access/accessMode';
import { createRouter } from './router';

/**
 * The luigi backend plugin (plugin id `luigi`), served under `/api/luigi`. Registers the plugin's
 * permissions, so RBAC tools list them, and answers access decisions. Stateless: whatever it keeps
 * lives in its database, so several backend replicas behave as one.
 * @public
 */
export const luigiPlugin = createBackendPlugin({
  pluginId: 'luigi',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ httpRouter, httpAuth, permissions, permissionsRegistry, config, logger }) {
        permissionsRegistry.addPermissions(luigiPermissions);
        const accessMode = readAccessMode(config);
        if (accessMode === 'closed') {
          logger.warn(
            'permission.enabled is not true: no user may open any micro frontend. Enable the permission ' +
              'framework with a policy, or set luigi.access.openToEverySignedInUser',
          );
        } else if (accessMode === 'open-to-every-signed-in-user') {
          logger.warn('luigi.access.openToEverySignedInUser: every signed-in user may open every micro frontend');
        }
        httpRouter.use(createRouter({ httpAuth, permissions, accessMode }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
