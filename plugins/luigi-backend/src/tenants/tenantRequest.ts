import { InputError } from '@backstage/errors';
import { TENANT_ID_PATTERN } from 'backstage-plugin-luigi-common';

/**
 * An optional tenant id of a request body: undefined when absent, the id when it has the form of
 * one (it may still name no configured tenant). Throws an InputError (400) for anything else.
 * @param field - the field's name, for the message
 */
export function readOptionalTenantId(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !TENANT_ID_PATTERN.test(value)) {
    throw new InputError(`${field} is not a tenant id`);
  }
  return value;
}

/**
 * The body of `POST /tenants/enter`.
 * @public
 */
export interface TenantEnterRequest {
  /** The tenant to enter. */
  tenant: string;
  /** The tenant the user leaves, as the browser says (for the audit trail only). */
  from?: string;
}

/**
 * Reads the body of `POST /tenants/enter` (`{ tenant: "logistics", from: "commerce" }`).
 * Throws an InputError (400) for anything else.
 * @public
 */
export function readTenantEnterRequest(body: unknown): TenantEnterRequest {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (fields.tenant === undefined) throw new InputError('Expected a JSON body with a tenant string');
  const tenant = readOptionalTenantId(fields.tenant, 'tenant')!;
  const from = readOptionalTenantId(fields.from, 'from');
  return from === undefined ? { tenant } : { tenant, from };
}
