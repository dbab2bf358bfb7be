import { createPermissionResourceRef, createPermissionRule } from '@backstage/plugin-permission-node';
import { LUIGI_TENANT_RESOURCE_TYPE, LuigiTenant } from 'backstage-plugin-luigi-common';
import { z } from 'zod';

/**
 * What the tenant rules translate to in a query: the tenant ids a condition admits. The plugin loads
 * tenants from config, never by query, so this only gives `toQuery` a shape.
 * @public
 */
export interface LuigiTenantQuery {
  tenantIds: string[];
}

/**
 * The `luigi-tenant` resource type, owned by the luigi backend plugin: a tenant's resource ref is its
 * id, and the permission backend resolves conditions on it through the plugin's
 * `/.well-known/backstage/permissions/apply-conditions`.
 * @public
 */
export const luigiTenantPermissionResourceRef = createPermissionResourceRef<LuigiTenant, LuigiTenantQuery>().with({
  pluginId: 'luigi',
  resourceType: LUIGI_TENANT_RESOURCE_TYPE,
});

/**
 * `IS_TENANT`: the tenant is one of `tenantIds`.
 * @public
 */
export const isTenant = createPermissionRule({
  name: 'IS_TENANT',
  description: 'Allow tenants with one of the given ids',
  resourceRef: luigiTenantPermissionResourceRef,
  paramsSchema: z.object({
    tenantIds: z.array(z.string()).describe('The ids of the tenants to match (luigi.tenants[].id)'),
  }),
  apply: (tenant, { tenantIds }) => tenantIds.includes(tenant.id),
  toQuery: ({ tenantIds }) => ({ tenantIds }),
});

/**
 * The permission rules of the `luigi-tenant` resource type, by name for `createConditionExports`.
 * @public
 */
export const luigiTenantPermissionRules = { isTenant };
