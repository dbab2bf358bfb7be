import { JsonObject } from '@backstage/types';
import { LuigiAccessDecision } from 'backstage-plugin-luigi-common';

/** The most denied entities one `access-decide` event lists by ref; the counts cover all of them. */
export const MAX_AUDITED_DENIALS = 100;

/**
 * The `meta` of an `access-decide` event, bounded whatever the number of entities asked: the tenant
 * asked about, how many entities were asked and allowed, the denials counted by reason, and the
 * denied refs with their reason, up to {@link MAX_AUDITED_DENIALS}. Entities of other tenants are only
 * counted (`other-tenant`): they are the tenant switch's partition, not a refusal of the user.
 */
export function accessDecideMeta(tenant: string | undefined, decisions: readonly LuigiAccessDecision[]): JsonObject {
  const deniedByReason: Record<string, number> = {};
  const denied: JsonObject[] = [];
  let allowed = 0;
  for (const decision of decisions) {
    if (decision.result === 'allow') {
      allowed += 1;
      continue;
    }
    deniedByReason[decision.reason] = (deniedByReason[decision.reason] ?? 0) + 1;
    if (decision.reason !== 'other-tenant' && denied.length < MAX_AUDITED_DENIALS) {
      denied.push({ entityRef: decision.entityRef, reason: decision.reason });
    }
  }
  const listed = decisions.length - allowed - (deniedByReason['other-tenant'] ?? 0);
  return {
    ...(tenant === undefined ? {} : { tenant }),
    count: decisions.length,
    allowed,
    deniedByReason,
    denied,
    ...(listed > denied.length ? { deniedTruncated: true } : {}),
  };
}
