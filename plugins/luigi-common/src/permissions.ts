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
 * Every permission the luigi backend plugin registers (and RBAC tools list).
 * @public
 */
export const luigiPermissions = [luigiMicroFrontendOpenPermission];
