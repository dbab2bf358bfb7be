import { ClientPermissionLimits, LuigiDenialReason, tenantOfEntity } from 'backstage-plugin-luigi-common';
import { ConfiguredTenant, findTenant } from '../tenants/configuredTenant';
import { AuthorizeTenants, enterableTenants } from '../tenants/decideTenantEntry';
import { outsideTenantOrigins } from '../tenants/tenantOrigins';
import { AccessMode } from './accessMode';
import { AccessDecision, AuthorizeEntities, decideAccess } from './decideAccess';
import { ReadTenantMembers } from './readTenantMembers';

/**
 * What deciding access with tenants configured needs.
 * @public
 */
export interface TenantAccessOptions {
  mode: AccessMode;
  /** `luigi.tenants`, at least one. */
  tenants: readonly ConfiguredTenant[];
  /** `luigi.allowedOrigins`, as origins. */
  allowedOrigins: ReadonlySet<string>;
  /**
   * `luigi.clientPermissions`: the client permissions node settings may grant. Absent: none, so settings that grant any
   * leave the entity no view, as on the page.
   */
  clientPermissions?: ClientPermissionLimits;
  readMembers: ReadTenantMembers;
  authorizeEnter: AuthorizeTenants;
  authorizeOpen: AuthorizeEntities;
}

/**
 * Decides, for each entity ref, whether the user may open its micro frontends while tenants are
 * configured. Closed mode denies all without asking anyone. Otherwise each entity is denied, in this
 * order, when it belongs to no tenant or the user may not read it (`no-tenant`), when `tenant` is
 * given and the entity belongs to another (`other-tenant`), when its tenant narrows the allowed
 * origins and leaves it no view (`origin-not-in-tenant`), or when the user may not enter its tenant
 * (`tenant-denied`); the rest is decided as without tenants (the policy), and allowed decisions name
 * their tenant. A failing catalog or permission backend rejects: never a decision.
 * @public
 */
export async function decideTenantAccess(
  entityRefs: string[],
  tenant: string | undefined,
  options: TenantAccessOptions,
): Promise<AccessDecision[]> {
  const { mode, tenants, allowedOrigins, clientPermissions } = options;
  if (mode === 'closed') return decideAccess(entityRefs, mode, options.authorizeOpen);

  const members = await options.readMembers(entityRefs);
  const tenantOf = new Map<string, ConfiguredTenant>();
  const denials = new Map<string, LuigiDenialReason>();
  entityRefs.forEach((entityRef, index) => {
    const member = members[index];
    const own = member ? findTenant(tenants, tenantOfEntity(member, tenants)) : undefined;
    if (!member || !own) denials.set(entityRef, 'no-tenant');
    else if (tenant !== undefined && own.id !== tenant) denials.set(entityRef, 'other-tenant');
    else if (outsideTenantOrigins(member.metadata.annotations, own, { allowedOrigins, clientPermissions })) {
      denials.set(entityRef, 'origin-not-in-tenant');
    } else tenantOf.set(entityRef, own);
  });

  // Each tenant is asked about once, whatever the number of its entities.
  const enterable = await enterableTenants(
    [...tenantOf.values()].map(t => t.id),
    mode,
    options.authorizeEnter,
  );
  for (const [entityRef, own] of tenantOf) {
    if (!enterable.has(own.id)) denials.set(entityRef, 'tenant-denied');
  }

  const remaining = entityRefs.filter(entityRef => !denials.has(entityRef));
  const decided = new Map(
    (await decideAccess(remaining, mode, options.authorizeOpen)).map(decision => [decision.entityRef, decision]),
  );
  return entityRefs.map((entityRef): AccessDecision => {
    const reason = denials.get(entityRef);
    if (reason) return { entityRef, result: 'deny', reason };
    const decision = decided.get(entityRef)!;
    return decision.result === 'allow' ? { entityRef, result: 'allow', tenant: tenantOf.get(entityRef)!.id } : decision;
  });
}
