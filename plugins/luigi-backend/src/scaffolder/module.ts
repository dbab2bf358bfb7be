import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readRegistrationRules } from '../config/readRegistrationRules';
import { createRegistrationValidateAction } from './registrationValidateAction';

/**
 * Scaffolder module with the `luigi:registration:validate` action, which checks a template's
 * catalog-info.yaml against the rules the catalog module applies at ingestion (read from the same
 * config), so a run stops before publishing a registration the portal would refuse. Install with
 * `backend.add(import('backstage-plugin-luigi-backend/scaffolder'))`.
 * @public
 */
export const scaffolderModuleLuigiRegistration = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'luigi-registration',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ scaffolder, config, logger }) {
        scaffolder.addActions(createRegistrationValidateAction(readRegistrationRules(config, logger)));
      },
    });
  },
});
