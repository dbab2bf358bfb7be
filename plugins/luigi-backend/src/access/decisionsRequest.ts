import { InputError } from '@backstage/errors';
import { validEntityRef } from '../http/readEntityRef';
import { readOptionalTenantId } from '../tenants/tenantRequest';

/** The most entity refs one decisions request may ask about (a portal's whole micro app list fits). */
export const MAX_ENTITY_REFS = 10_000;

/**
 * The entity refs of a decisions request body (`{ "entityRefs": ["component:default/orders", …] }`),
 * at most {@link MAX_ENTITY_REFS}, each valid by Backstage's rules (see `validEntityRef`), normalized
 * (lower case, full form) and without duplicates. Throws an InputError (400) for anything else,
 * naming a bad ref by its index, never quoting it.
 * @public
 */
export function readEntityRefs(body: unknown): string[] {
  const refs = (body as { entityRefs?: unknown } | undefined)?.entityRefs;
  if (!Array.isArray(refs)) throw new InputError('Expected a JSON body with an entityRefs array');
  if (refs.length > MAX_ENTITY_REFS) {
    throw new InputError(`At most ${MAX_ENTITY_REFS} entity refs per request, got ${refs.length}`);
  }
  const normalized = refs.map((ref, index) => {
    if (typeof ref !== 'string') throw new InputError(`entityRefs[${index}] is not a string`);
    const entityRef = validEntityRef(ref);
    if (entityRef === undefined) throw new InputError(`entityRefs[${index}] is not an entity ref`);
    return entityRef;
  });
  return [...new Set(normalized)];
}

/**
 * A decisions request, read and normalized.
 * @public
 */
export interface DecisionsRequest {
  entityRefs: string[];
  /** The tenant the browser shows, if it says: with tenants configured, entities of others are denied. */
  tenant?: string;
}

/**
 * Reads a decisions request body (`{ "entityRefs": [...], "tenant"?: "commerce" }`), see
 * {@link readEntityRefs}. Throws an InputError (400) for anything else.
 * @public
 */
export function readDecisionsRequest(body: unknown): DecisionsRequest {
  const entityRefs = readEntityRefs(body);
  const tenant = readOptionalTenantId((body as { tenant?: unknown } | undefined)?.tenant, 'tenant');
  return tenant === undefined ? { entityRefs } : { entityRefs, tenant };
}
