import { BackstageCredentials, PermissionsService, UserInfoService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef, RELATION_OWNED_BY, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { luigiAccessRequestDecidePermission } from 'backstage-plugin-luigi-common';

/**
 * The entity's owner as a full entity ref: the catalog's `ownedBy` relation, or `spec.owner` read
 * the way the catalog reads it (a group in the entity's namespace unless it says otherwise).
 */
export function ownerOf(entity: Entity): string | undefined {
  const related = entity.relations?.find(relation => relation.type === RELATION_OWNED_BY)?.targetRef;
  if (related) return related.toLocaleLowerCase('en-US');
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') return undefined;
  try {
    const ref = parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' });
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** Who the caller is, for deciding requests: their ownership refs, and whether the policy makes them an admin. */
export interface Decider {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  isAdmin: boolean;
}

/**
 * The caller as a decider: ownership refs from Backstage's user info (the groups the sign-in resolver
 * gave them), and `luigi.access-request.decide` asked of the policy with their own credentials.
 */
export async function readDecider(
  deps: { userInfo: UserInfoService; permissions: PermissionsService },
  credentials: BackstageCredentials,
  userEntityRef: string,
): Promise<Decider> {
  const [info, [decision]] = await Promise.all([
    deps.userInfo.getUserInfo(credentials),
    deps.permissions.authorize([{ permission: luigiAccessRequestDecidePermission }], { credentials }),
  ]);
  return {
    userEntityRef,
    ownershipEntityRefs: info.ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US')),
    isAdmin: decision.result === AuthorizeResult.ALLOW,
  };
}

/**
 * Whether this decider may decide a request of `requester` for an app owned by `ownerRef`: never
 * their own; otherwise an admin, or a member of the owner (the owner is in their ownership refs).
 */
export function mayDecide(decider: Decider, requester: string, ownerRef: string | undefined): 'yes' | 'own-request' | 'not-an-approver' {
  if (decider.userEntityRef.toLocaleLowerCase('en-US') === requester.toLocaleLowerCase('en-US')) return 'own-request';
  if (decider.isAdmin) return 'yes';
  return ownerRef && decider.ownershipEntityRefs.includes(ownerRef.toLocaleLowerCase('en-US')) ? 'yes' : 'not-an-approver';
}
