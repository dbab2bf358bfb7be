import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { luigiTenantEnterPermission } from 'backstage-plugin-luigi-common';
import { ConfiguredTenant } from './configuredTenant';
import { luigiTenantPermissionResourceRef, luigiTenantPermissionRules } from './tenantPermissionRules';

/**
 * Registers the `luigi-tenant` resource type with its permission and rules, so RBAC tools list them
 * and the permission backend can resolve a policy's conditional decision about a tenant: it loads the
 * tenant from config by id (an unknown id is no resource, so the condition denies).
 */
export function registerTenantResourceType(
  permissionsRegistry: PermissionsRegistryService,
  tenants: readonly ConfiguredTenant[],
): void {
  permissionsRegistry.addResourceType({
    resourceRef: luigiTenantPermissionResourceRef,
    permissions: [luigiTenantEnterPermission],
    rules: Object.values(luigiTenantPermissionRules),
    async getResources(tenantIds) {
      return tenantIds.map(id => {
        const tenant = tenants.find(t => t.id === id);
        return tenant && { id: tenant.id, title: tenant.title };
      });
    },
  });
}
