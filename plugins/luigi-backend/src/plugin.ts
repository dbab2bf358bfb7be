import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { LUIGI_JWKS_PATH, luigiPermissions } from 'backstage-plugin-luigi-common';
import { readAccessMode } from './access/accessMode';
import { readAllowedOrigins } from './config/readAllowedOrigins';
import { createRouter } from './router';
import { DatabaseSigningKeys } from './tokens/signingKeys';
import { readTokenConfig } from './tokens/tokenConfig';

/**
 * The luigi backend plugin (plugin id `luigi`), served under `/api/luigi`. Registers the plugin's
 * permissions, so RBAC tools list them, answers access decisions, and issues each micro app its own
 * short-lived token, signed with keys it publishes at `/.well-known/jwks.json`. Whatever it keeps
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
        database: coreServices.database,
        discovery: coreServices.discovery,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        config,
        logger,
        database,
        discovery,
        userInfo,
        catalog,
      }) {
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
        // Read before anything else starts, so a bad setting stops the backend with its message.
        const { lifetimeMs, keyRotationMs } = readTokenConfig(config);
        const signingKeys = await DatabaseSigningKeys.create({
          database,
          logger,
          timing: { keyRotationMs, tokenLifetimeMs: lifetimeMs },
        });
        httpRouter.use(
          createRouter({
            httpAuth,
            permissions,
            accessMode,
            catalog,
            userInfo,
            discovery,
            signingKeys,
            allowedOrigins: readAllowedOrigins(config, logger),
            tokenLifetimeMs: lifetimeMs,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({ path: LUIGI_JWKS_PATH, allow: 'unauthenticated' });
      },
    });
  },
});
