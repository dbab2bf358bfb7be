import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Opening a catalog entity's micro frontends: being shown them and receiving their token.
 *
 * A resource permission on `catalog-entity`, so policies can use the catalog's rules (owner, kind,
 * annotation, namespace …) as conditions. It has no `action` attribute on purpose: RBAC tools treat
 * a permission without one as `use`, so a role's grant of catalog entity *read* (which falls back to
 * every permission of the resource type with `action: 'read'`) never grants it.
 * @public
 */
export const luigiMicroFrontendOpenPermission = createPermission({
  name: 'luigi.micro-frontend.open',
  attributes: {},
  resourceType: 'catalog-entity',
});

/**
 * The resource type of tenants (`luigi.tenants[]`), owned by the luigi backend plugin: a tenant's
 * resource ref is its id. Policies condition on it with the plugin's tenant rules (`IS_TENANT`).
 * @public
 */
export const LUIGI_TENANT_RESOURCE_TYPE = 'luigi-tenant';

/**
 * Entering a tenant: seeing its micro apps and receiving their tokens. A resource permission on
 * `luigi-tenant` (resource ref: the tenant id), so a policy can grant some tenants and not others,
 * with the luigi backend's `luigiTenantConditions`. Deny unless the policy allows, like
 * `luigi.micro-frontend.open`, which every micro app in the tenant still needs too.
 * @public
 */
export const luigiTenantEnterPermission = createPermission({
  name: 'luigi.tenant.enter',
  attributes: {},
  resourceType: LUIGI_TENANT_RESOURCE_TYPE,
});

/**
 * Reading the plugin's admin warnings (`GET /api/luigi/admin/warnings`), such as a permission policy
 * that lets everybody open every micro app: the micro apps page shows them to users the policy
 * allows this. A basic permission with `action: 'read'`: it belongs to no resource type, so no
 * grant on a resource type can grant it by accident. Under a policy that allows everything,
 * everybody is an admin by accident and sees the warning: that is the point.
 * @public
 */
export const luigiAdminReadPermission = createPermission({
  name: 'luigi.admin.read',
  attributes: { action: 'read' },
});

/**
 * Deciding any access request and revoking any access grant, for admins: without it, only the
 * members of the app entity's owner group decide its requests. Nobody decides their own request,
 * this permission or not. A basic permission with `action: 'update'`, on no resource type, so no
 * grant on the catalog can grant it by accident.
 * @public
 */
export const luigiAccessRequestDecidePermission = createPermission({
  name: 'luigi.access-request.decide',
  attributes: { action: 'update' },
});

/**
 * Every permission the luigi backend plugin registers (and RBAC tools list).
 * @public
 */
export const luigiPermissions = [
  luigiMicroFrontendOpenPermission,
  luigiTenantEnterPermission,
  luigiAdminReadPermission,
  luigiAccessRequestDecidePermission,
];
