import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { normalizeAllowedOrigins } from 'backstage-plugin-luigi-common';
import { LuigiRegistrationProcessor } from './LuigiRegistrationProcessor';

/**
 * Catalog module that checks micro frontend registrations at ingestion, against the same
 * `luigi.allowedOrigins` as the frontend. Install with
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
        const entries = config.getOptionalStringArray('luigi.allowedOrigins') ?? [];
        const { origins, invalid } = normalizeAllowedOrigins(entries);
        for (const entry of invalid) {
          logger.warn(`luigi.allowedOrigins entry "${entry}" is not an origin (scheme://host[:port]) and is ignored`);
        }
        if (origins.size === 0) {
          logger.warn('luigi.allowedOrigins is empty: every micro frontend registration is refused');
        }
        catalog.addProcessor(new LuigiRegistrationProcessor(origins));
      },
    });
  },
});
