import { createConditionExports } from '@backstage/plugin-permission-node';
import { luigiTenantPermissionResourceRef, luigiTenantPermissionRules } from './tenantPermissionRules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: luigiTenantPermissionResourceRef,
  rules: luigiTenantPermissionRules,
});

/**
 * Conditions on tenants for permission policies, e.g. `luigiTenantConditions.isTenant({ tenantIds:
 * ['commerce'] })`, resolved by the luigi backend plugin.
 * @public
 */
export const luigiTenantConditions = conditions;

/**
 * A conditional decision on `luigi.tenant.enter` (or any permission on `luigi-tenant`):
 * `createLuigiTenantConditionalDecision(request.permission, luigiTenantConditions.isTenant({ tenantIds }))`.
 * @public
 */
export const createLuigiTenantConditionalDecision = createConditionalDecision;
