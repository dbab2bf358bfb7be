import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readAllowedOrigins } from '../config/readAllowedOrigins';
import { readClientPermissionLimits } from '../config/readClientPermissionLimits';
import { readFrameLimits } from '../config/readFrameLimits';
import { LuigiRegistrationProcessor } from './LuigiRegistrationProcessor';

/**
 * Catalog module that checks micro frontend registrations at ingestion, against the same
 * `luigi.allowedOrigins`, `luigi.frames` and `luigi.clientPermissions` as the frontend. Install with
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
        catalog.addProcessor(
          new LuigiRegistrationProcessor(
            readAllowedOrigins(config, logger),
            readFrameLimits(config, logger),
            readClientPermissionLimits(config),
          ),
        );
      },
    });
  },
});
