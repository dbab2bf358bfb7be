import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { luigiMicroFrontendOpenPermission, luigiTenantEnterPermission } from 'backstage-plugin-luigi-common';
import { createLuigiTenantConditionalDecision, luigiTenantConditions } from '../tenants/conditionExports';
import { permissionPolicyModule } from './policyAllowing';

/**
 * How the test policy answers one user's `luigi.tenant.enter`: ALLOW, DENY, a CONDITIONAL decision
 * with `IS_TENANT` (which the permission backend resolves through the luigi plugin's
 * apply-conditions), or a policy that fails.
 */
export type TenantGrant = 'allow' | 'deny' | { isTenant: string[] } | 'fail';

/**
 * A permission backend module whose policy answers `luigi.tenant.enter` per user as `tenants` says
 * (DENY for a user not listed), and `luigi.micro-frontend.open` with ALLOW for the users of `openers`
 * (DENY for others). Every other permission is allowed.
 */
export function tenantPolicy(moduleId: string, options: { tenants: Record<string, TenantGrant>; openers: string[] }) {
  const policy: PermissionPolicy = {
    async handle(request, user) {
      const userEntityRef = user?.info.userEntityRef ?? '';
      if (isPermission(request.permission, luigiTenantEnterPermission)) {
        const grant = options.tenants[userEntityRef] ?? 'deny';
        if (grant === 'fail') throw new Error('the policy failed');
        if (grant === 'allow') return { result: AuthorizeResult.ALLOW };
        if (grant === 'deny') return { result: AuthorizeResult.DENY };
        return createLuigiTenantConditionalDecision(
          request.permission,
          luigiTenantConditions.isTenant({ tenantIds: grant.isTenant }),
        );
      }
      if (isPermission(request.permission, luigiMicroFrontendOpenPermission)) {
        return { result: options.openers.includes(userEntityRef) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
      }
      return { result: AuthorizeResult.ALLOW };
    },
  };
  return permissionPolicyModule(moduleId, policy);
}
