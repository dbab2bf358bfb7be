import { LuigiDenialReason } from 'backstage-plugin-luigi-common';

/**
 * Why a route of the plugin refused a request, as the audit trail records it (`meta.reason`): the
 * caller (`unauthenticated`, `not-a-user`), the body (`malformed-request`), the entity
 * (`not-found`, `not-a-micro-app`, `invalid-registration`, `invalid-audience`), a denial
 * (`LuigiDenialReason`), the tenant (`unknown-tenant`), the token minter, or anything else (`error`).
 * @public
 */
export type RefusalReason =
  | 'unauthenticated'
  | 'not-a-user'
  | 'malformed-request'
  | 'not-found'
  | 'not-a-micro-app'
  | 'invalid-registration'
  | 'invalid-audience'
  | LuigiDenialReason
  | 'minter-refused'
  | 'minter-unavailable'
  | 'minter-rejected-input'
  | 'minter-failed'
  | 'unknown-tenant'
  | 'not-allowed'
  | 'error';

/** What a route learnt before it refused, for the audit trail. */
export interface RefusalFacts {
  reason: RefusalReason;
  /** The tenant the entity belongs to, once known. */
  entityTenant?: string;
}

// A symbol key: the facts never show in the error's JSON or in the answer.
const FACTS = Symbol('luigi.refusal');

/** Marks an error as a refusal for this reason, and returns it (to be thrown). */
export function refusal<E extends Error>(error: E, facts: RefusalFacts): E {
  Object.defineProperty(error, FACTS, { value: facts, enumerable: false, configurable: true });
  return error;
}

/** Why this error refused a request: as marked by {@link refusal}, else from the error's name. */
export function refusalFacts(error: unknown): RefusalFacts {
  const marked = (error as { [FACTS]?: RefusalFacts } | null)?.[FACTS];
  if (marked) return marked;
  switch ((error as Error | null)?.name) {
    case 'AuthenticationError':
      return { reason: 'unauthenticated' };
    case 'InputError':
      return { reason: 'malformed-request' };
    case 'NotFoundError':
      return { reason: 'not-found' };
    case 'NotAllowedError':
      return { reason: 'not-allowed' };
    default:
      return { reason: 'error' };
  }
}

/** The reason a minter's error gives, by the Backstage errors its contract names. */
export function minterRefusalReason(error: unknown): RefusalReason {
  switch ((error as Error | null)?.name) {
    case 'NotAllowedError':
      return 'minter-refused';
    case 'ServiceUnavailableError':
      return 'minter-unavailable';
    case 'InputError':
      return 'minter-rejected-input';
    default:
      return 'minter-failed';
  }
}
