import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';
import { readRegistrationRules } from '../config/readRegistrationRules';
import { LuigiRegistrationProcessor } from './LuigiRegistrationProcessor';
import { AccessGrantMirror } from './accessGrantMirror';
import { accessGrantRule } from './accessGrantRule';

/**
 * Catalog module that checks micro frontend registrations at ingestion, against the same
 * `luigi.allowedOrigins`, `luigi.frames` and `luigi.clientPermissions` as the frontend, and what they
 * claim against `luigi.tokens.audiences` and `luigi.tenants`, as the token route does. It also lists
 * `luigi.micro-frontend.open` among the catalog's permissions, next to the rules that decide it
 * (IS_ENTITY_OWNER …), so RBAC tools offer those rules for it, and adds the `HAS_ACCESS_GRANT` rule,
 * which holds for a user's active access grants (read from the luigi backend every few seconds when
 * `luigi.accessRequests.enabled` is true, else never). Install with
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
        permissionsRegistry: coreServices.permissionsRegistry,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
      },
      async init({ catalog, config, logger, permissionsRegistry, discovery, auth, lifecycle }) {
        // The catalog's only resource permission without an action: RBAC maps a conditional policy's
        // `use` on catalog entities to it.
        permissionsRegistry.addPermissions([luigiMicroFrontendOpenPermission]);
        if (config.getOptionalBoolean('luigi.accessRequests.enabled') === true) {
          const grants = new AccessGrantMirror({ discovery, auth, logger });
          // Started once the backend serves: the luigi backend may be another plugin of this process.
          lifecycle.addStartupHook(() => grants.start());
          lifecycle.addShutdownHook(() => grants.stop());
          permissionsRegistry.addPermissionRules([accessGrantRule(grants)]);
        } else {
          permissionsRegistry.addPermissionRules([accessGrantRule()]);
        }
        const rules = readRegistrationRules(config, logger);
        catalog.addProcessor(
          new LuigiRegistrationProcessor(rules.allowedOrigins, rules.frameLimits, rules.clientPermissions, rules.claimRules),
        );
      },
    });
  },
});
