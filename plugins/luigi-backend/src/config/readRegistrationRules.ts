import { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { TokenAudiences } from 'backstage-plugin-luigi-common';
import { RegistrationValidationRules } from '../registrations/validateRegistrations';
import { ConfiguredTenant } from '../tenants/configuredTenant';
import { readTenants } from '../tenants/readTenants';
import { readAllowedOrigins } from './readAllowedOrigins';
import { readClientPermissionLimits } from './readClientPermissionLimits';
import { readFrameLimits } from './readFrameLimits';
import { readTokenAudiences } from './readTokenAudiences';

/** The portal's registration rules, with the tenants as the luigi plugin keeps them. */
export interface RegistrationRules extends RegistrationValidationRules {
  claimRules: { tokenAudiences: TokenAudiences; tenants: ConfiguredTenant[] };
}

/**
 * Reads every rule a micro frontend registration is held to: `luigi.allowedOrigins`, `luigi.frames`,
 * `luigi.clientPermissions`, `luigi.tokens.audiences` and `luigi.tenants`. The catalog module, the
 * luigi plugin and the scaffolder action read them here, so ingestion, the validation route and a
 * template run can never disagree. Throws, so the backend refuses to start, on a setting the readers
 * refuse.
 */
export function readRegistrationRules(config: RootConfigService, logger: LoggerService): RegistrationRules {
  const allowedOrigins = readAllowedOrigins(config, logger);
  return {
    allowedOrigins,
    frameLimits: readFrameLimits(config, logger),
    clientPermissions: readClientPermissionLimits(config),
    claimRules: { tokenAudiences: readTokenAudiences(config), tenants: readTenants(config, allowedOrigins) },
  };
}
