import { isError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { LuigiDenialReason } from 'backstage-plugin-luigi-common';

/**
 * Why a route of the plugin refused a request, as the audit trail records it (`meta.reason`): the
 * caller (`unauthenticated`, `not-a-user`), the body (`malformed-request`, `body-too-large`), the
 * entity (`not-found`, `not-a-micro-app`, `invalid-registration`, `invalid-audience`), the catalog
 * (`catalog-unavailable`), the caller's request rate (`rate-limited`), an access request or grant
 * (`access-requests-off`, `already-allowed`, `duration-not-offered`, `request-open`,
 * `not-an-approver`, `own-request`, `already-decided`), a denial
 * (`LuigiDenialReason`), the tenant (`unknown-tenant`), the token
 * minter, or anything else (`error`).
 * @public
 */
export type RefusalReason =
  | 'unauthenticated'
  | 'not-a-user'
  | 'malformed-request'
  | 'body-too-large'
  | 'not-found'
  | 'catalog-unavailable'
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
  | 'rate-limited'
  | 'access-requests-off'
  | 'already-allowed'
  | 'duration-not-offered'
  | 'request-open'
  | 'not-an-approver'
  | 'own-request'
  | 'already-decided'
  | 'error';

/** What a route learnt before it refused, for the audit trail. */
export interface RefusalFacts {
  reason: RefusalReason;
  /** The tenant the entity belongs to, once known. */
  entityTenant?: string;
  /** What failed downstream, in a few words of ours (never a downstream message or URL). */
  detail?: string;
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
    case 'PayloadTooLargeError':
      return { reason: 'body-too-large' };
    case 'NotFoundError':
      return { reason: 'not-found' };
    case 'NotAllowedError':
      return { reason: 'not-allowed' };
    case 'ConflictError':
      return { reason: 'already-decided' };
    default:
      return { reason: 'error' };
  }
}

/** The refusal facts as the `meta` of a failed audit event: the reason, and what else is known. */
export function refusalMeta({ reason, entityTenant, detail }: RefusalFacts): JsonObject {
  return {
    reason,
    ...(entityTenant === undefined ? {} : { entityTenant }),
    ...(detail === undefined ? {} : { detail }),
  };
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

/**
 * The names of the errors the plugin answers with on purpose, with messages it wrote itself: 400,
 * 401, 403, 404, 409, 413 and 503. Any other error (a downstream `ResponseError` with that service's
 * body and URL, a network error naming a host) is internal.
 */
const DELIBERATE = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'PayloadTooLargeError',
  'ServiceUnavailableError',
]);

/** Whether this error is one the plugin answers with as it is (its message is the plugin's own). */
export function isDeliberateError(error: unknown): error is Error {
  return isError(error) && DELIBERATE.has(error.name);
}
