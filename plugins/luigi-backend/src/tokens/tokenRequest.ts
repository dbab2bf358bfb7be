import { InputError } from '@backstage/errors';
import { LuigiTokenPurpose } from 'backstage-plugin-luigi-common';
import { validEntityRef } from '../http/readEntityRef';
import { readOptionalTenantId } from '../tenants/tenantRequest';

/** The longest subject token a request may carry, in bytes (UTF-8): identity provider tokens fit. */
export const MAX_SUBJECT_TOKEN_BYTES = 16 * 1024;

/**
 * A token request (`LuigiMicroAppTokenRequest`), read and normalized.
 * @public
 */
export interface TokenRequest {
  /** Valid by Backstage's rules, normalized: lower case, full form. */
  entityRef: string;
  /** The tenant the browser shows, if it says. */
  tenant?: string;
  /** `open` unless the body says `refresh`. */
  purpose: LuigiTokenPurpose;
  /** The user's identity provider token, for a token exchange. Never recorded. */
  subjectToken?: string;
}

const bodyFields = (body: unknown) =>
  (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;

/**
 * Reads the body of `POST /tokens` (`{ "entityRef": "component:default/orders", "tenant"?,
 * "purpose"?: "open" | "refresh", "subjectToken"? }`), the entity ref valid by Backstage's rules
 * (see `validEntityRef`). Throws an InputError (400) for anything else; no message quotes a value
 * of the body.
 * @public
 */
export function readTokenRequest(body: unknown): TokenRequest {
  const fields = bodyFields(body);
  if (typeof fields.entityRef !== 'string') throw new InputError('Expected a JSON body with an entityRef string');
  // Checked by the catalog's own rules before anything looks it up; the message never quotes it.
  const entityRef = validEntityRef(fields.entityRef);
  if (entityRef === undefined) throw new InputError('entityRef is not an entity ref');
  const tenant = readOptionalTenantId(fields.tenant, 'tenant');
  const purpose = fields.purpose ?? 'open';
  if (purpose !== 'open' && purpose !== 'refresh') throw new InputError('purpose must be "open" or "refresh"');
  const { subjectToken } = fields;
  if (subjectToken !== undefined) {
    if (typeof subjectToken !== 'string' || subjectToken === '') {
      throw new InputError('subjectToken must be a non-empty string');
    }
    if (Buffer.byteLength(subjectToken, 'utf8') > MAX_SUBJECT_TOKEN_BYTES) {
      throw new InputError(`subjectToken is longer than ${MAX_SUBJECT_TOKEN_BYTES} bytes`);
    }
  }
  return {
    entityRef,
    purpose,
    ...(tenant === undefined ? {} : { tenant }),
    ...(subjectToken === undefined ? {} : { subjectToken: subjectToken as string }),
  };
}

/**
 * What a token request body asks, as far as it can be read, for the audit trail of any request,
 * malformed ones too: the entity ref and tenant only when well-formed, the purpose `refresh` only
 * when it says so. Never the subject token.
 */
export function describeTokenRequest(body: unknown): { entityRef?: string; tenant?: string; purpose: LuigiTokenPurpose } {
  const fields = bodyFields(body);
  const entityRef = validEntityRef(fields.entityRef);
  let tenant: string | undefined;
  try {
    tenant = readOptionalTenantId(fields.tenant, 'tenant');
  } catch {
    tenant = undefined;
  }
  return {
    ...(entityRef === undefined ? {} : { entityRef }),
    ...(tenant === undefined ? {} : { tenant }),
    purpose: fields.purpose === 'refresh' ? 'refresh' : 'open',
  };
}

/**
 * The subject token of a request body, whatever else is wrong with it: the secret every message and
 * record of the request must leave out.
 */
export function subjectTokenOf(body: unknown): string | undefined {
  const { subjectToken } = bodyFields(body);
  return typeof subjectToken === 'string' ? subjectToken : undefined;
}
