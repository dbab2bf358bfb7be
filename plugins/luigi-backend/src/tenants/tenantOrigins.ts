import { hasValidView } from 'backstage-plugin-luigi-common';
import { RegistrationRules } from '../catalog/registrationRules';
import { ConfiguredTenant } from './configuredTenant';

/**
 * True when the entity's tenant narrows the allowed origins and thereby takes away every view the
 * global allowlist would show: the entity has a valid view under `luigi.allowedOrigins`, but none at
 * an origin of the tenant. An entity without a valid view at all is not this case (the registration
 * rules already say why it is not shown).
 * @param rules - `luigi.allowedOrigins` and `luigi.clientPermissions`
 */
export function outsideTenantOrigins(
  annotations: Readonly<Record<string, string>> | undefined,
  tenant: ConfiguredTenant,
  rules: RegistrationRules,
): boolean {
  if (tenant.allowedOrigins === undefined) return false;
  return (
    hasValidView(annotations, rules.allowedOrigins, rules.clientPermissions) &&
    !hasValidView(annotations, tenant.origins, rules.clientPermissions)
  );
}
