import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';

/**
 * A permission backend module whose policy lets only `users` (entity refs) open micro frontends, by
 * a definitive decision; every other permission is allowed. (A policy that grants by owner returns
 * a catalog condition, which the catalog backend resolves; the test backends run no catalog backend,
 * so the dev portal's browser tests cover catalog conditions. Tenant conditions are resolved by the
 * luigi plugin itself: see `tenantPolicy`.)
 */
export function policyAllowing(moduleId: string, users: string[]) {
  const policy: PermissionPolicy = {
    async handle(request, user) {
      if (isPermission(request.permission, luigiMicroFrontendOpenPermission)) {
        const allowed = users.includes(user?.info.userEntityRef ?? '');
        return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
      }
      return { result: AuthorizeResult.ALLOW };
    },
  };
  return permissionPolicyModule(moduleId, policy);
}

/** A permission backend module that makes `policy` the permission backend's policy. */
export function permissionPolicyModule(moduleId: string, policy: PermissionPolicy) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy: extension }) {
          extension.setPolicy(policy);
        },
      });
    },
  });
}
