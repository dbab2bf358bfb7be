import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readAllowedOrigins } from '../config/readAllowedOrigins';
import { readClientPermissionLimits } from '../config/readClientPermissionLimits';
import { readFrameLimits } from '../config/readFrameLimits';
import { readTokenAudiences } from '../config/readTokenAudiences';
import { readTenants } from '../tenants/readTenants';
import { LuigiRegistrationProcessor } from './LuigiRegistrationProcessor';

/**
 * Catalog module that checks micro frontend registrations at ingestion, against the same
 * `luigi.allowedOrigins`, `luigi.frames` and `luigi.clientPermissions` as the frontend, and what they
 * claim against `luigi.tokens.audiences` and `luigi.tenants`, as the token route does. Install with
 * `backend.add(import('backstage-plugin-luigi-backend/catalog'))`.
 * @public
 */
export const catalogModuleLuigiRegistrations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'luigi-registrations',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ catalog, config, logger }) {
        const allowedOrigins = readAllowedOrigins(config, logger);
        catalog.addProcessor(
          new LuigiRegistrationProcessor(allowedOrigins, readFrameLimits(config, logger), readClientPermissionLimits(config), {
            tokenAudiences: readTokenAudiences(config),
            tenants: readTenants(config, allowedOrigins),
          }),
        );
      },
    });
  },
});
