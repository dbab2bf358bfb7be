import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { luigiTenantEnterPermission } from 'backstage-plugin-luigi-common';
import { AccessMode } from '../access/accessMode';
import { AuthorizeEntities, decideAccess } from '../access/decideAccess';

/**
 * Whether the user may enter one tenant, and why not.
 * @public
 */
export type TenantEntryDecision =
  | { tenantId: string; result: 'allow' }
  | { tenantId: string; result: 'deny'; reason: 'permission-framework-disabled' | 'policy' | 'malformed-decision' };

/** Asks the permission framework about each tenant id, in order, with the user's credentials. */
export type AuthorizeTenants = AuthorizeEntities;

/**
 * Asks the permission framework, with the caller's own credentials, whether they may enter each
 * tenant (`luigi.tenant.enter` with the tenant id as resource ref, so a policy's `IS_TENANT`
 * condition is resolved by this plugin).
 */
export function authorizeEnter(permissions: PermissionsService, credentials: BackstageCredentials): AuthorizeTenants {
  return tenantIds =>
    permissions.authorize(
      tenantIds.map(resourceRef => ({ permission: luigiTenantEnterPermission, resourceRef })),
      { credentials },
    );
}

/**
 * Decides, for each tenant id, whether the user may enter it, by the rules of micro frontends: closed
 * mode denies every tenant, `open-to-every-signed-in-user` lets every signed-in user enter every
 * tenant, and on the permission framework the app's policy decides (anything but ALLOW denies; a
 * failing permission backend rejects, it is never taken as a decision). Ids must be configured
 * tenants: the caller refuses unknown ones without asking.
 * @public
 */
export async function decideTenantEntry(
  tenantIds: string[],
  mode: AccessMode,
  authorize: AuthorizeTenants,
): Promise<TenantEntryDecision[]> {
  const decisions = await decideAccess(tenantIds, mode, authorize);
  return decisions.map(decision =>
    decision.result === 'allow'
      ? { tenantId: decision.entityRef, result: 'allow' }
      : {
          tenantId: decision.entityRef,
          result: 'deny',
          // decideAccess gives only these three reasons; anything else would be a malformed answer.
          reason:
            decision.reason === 'permission-framework-disabled' || decision.reason === 'policy'
              ? decision.reason
              : 'malformed-decision',
        },
  );
}

/**
 * The tenant ids (of those asked) the user may enter, asking about each at most once.
 */
export async function enterableTenants(
  tenantIds: Iterable<string>,
  mode: AccessMode,
  authorize: AuthorizeTenants,
): Promise<Set<string>> {
  const unique = [...new Set(tenantIds)];
  const decisions = await decideTenantEntry(unique, mode, authorize);
  return new Set(decisions.filter(d => d.result === 'allow').map(d => d.tenantId));
}
