import { hasValidView } from 'backstage-plugin-luigi-common';
import { ConfiguredTenant } from './configuredTenant';

/**
 * True when the entity's tenant narrows the allowed origins and thereby takes away every view the
 * global allowlist would show: the entity has a valid view under `luigi.allowedOrigins`, but none at
 * an origin of the tenant. An entity without a valid view at all is not this case (the registration
 * rules already say why it is not shown).
 * @param allowedOrigins - `luigi.allowedOrigins`, as origins
 */
export function outsideTenantOrigins(
  annotations: Readonly<Record<string, string>> | undefined,
  tenant: ConfiguredTenant,
  allowedOrigins: ReadonlySet<string>,
): boolean {
  if (tenant.allowedOrigins === undefined) return false;
  return hasValidView(annotations, allowedOrigins) && !hasValidView(annotations, tenant.origins);
}
