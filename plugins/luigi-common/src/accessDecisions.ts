/**
 * How the plugin decides who may open a micro frontend:
 * - `permission-framework`: the app's permission policy decides, per entity (deny unless it allows);
 * - `open-to-every-signed-in-user`: the permission framework is off and app-config explicitly lets
 *   every signed-in user open every micro frontend (`luigi.access.openToEverySignedInUser`);
 * - `closed`: the permission framework is off and nothing says otherwise, so nobody opens any.
 * @public
 */
export type LuigiAccessMode = 'permission-framework' | 'open-to-every-signed-in-user' | 'closed';

/**
 * Why a micro frontend is refused: the policy; the permission framework off; a malformed decision; the
 * user may not enter the entity's tenant (`tenant-denied`); the entity belongs to another tenant than
 * the one asked about (`other-tenant`); tenants are configured and the entity belongs to none (`no-tenant`);
 * the entity's tenant narrows the allowed origins (`luigi.tenants[].allowedOrigins`) and none of its
 * views is at one of them (`origin-not-in-tenant`).
 * @public
 */
export type LuigiDenialReason =
  | 'policy'
  | 'permission-framework-disabled'
  | 'malformed-decision'
  | 'tenant-denied'
  | 'other-tenant'
  | 'no-tenant'
  | 'origin-not-in-tenant';

/**
 * One entity's decision: may the signed-in user open its micro frontends?
 * @public
 */
export type LuigiAccessDecision =
  | {
      entityRef: string;
      result: 'allow';
      /** The entity's tenant, while tenants are configured. */
      tenant?: string;
    }
  | { entityRef: string; result: 'deny'; reason: LuigiDenialReason };

/**
 * The answer of `POST /api/luigi/access/decisions` (body `{ entityRefs, tenant? }`: with tenants
 * configured and `tenant` given, every entity outside it is denied `other-tenant`; without `tenant`
 * each entity is decided in its own tenant): the mode, and one decision per entity ref asked
 * (normalized: lower case, full form).
 * @public
 */
export interface LuigiAccessDecisions {
  mode: LuigiAccessMode;
  decisions: LuigiAccessDecision[];
}

const MODES: readonly string[] = ['permission-framework', 'open-to-every-signed-in-user', 'closed'];
const REASONS: readonly string[] = [
  'policy',
  'permission-framework-disabled',
  'malformed-decision',
  'tenant-denied',
  'other-tenant',
  'no-tenant',
  'origin-not-in-tenant',
];

function isDecision(value: unknown): value is LuigiAccessDecision {
  const item = value as Record<string, unknown> | null;
  if (typeof item?.entityRef !== 'string') return false;
  if (item.result === 'allow') return item.tenant === undefined || typeof item.tenant === 'string';
  return item.result === 'deny' && REASONS.includes(item.reason as string);
}

/**
 * Reads a decisions response, refusing (with an Error) anything that is not one: a malformed
 * answer must never be taken for a decision.
 * @public
 */
export function parseAccessDecisions(value: unknown): LuigiAccessDecisions {
  const body = value as Record<string, unknown> | null;
  if (!MODES.includes(body?.mode as string) || !Array.isArray(body?.decisions) || !body!.decisions.every(isDecision)) {
    throw new Error('The luigi backend answered the access decisions request with something else');
  }
  return { mode: body!.mode as LuigiAccessMode, decisions: body!.decisions as LuigiAccessDecision[] };
}
