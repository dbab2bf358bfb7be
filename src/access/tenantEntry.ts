import { LuigiTenant, TENANT_ID_PATTERN } from 'backstage-plugin-luigi-common';

/**
 * Reads the body of a `200` answer of `POST /api/luigi/tenants/enter` (`{ tenant: { id, title } }`),
 * refusing (with an Error) anything else, and a tenant other than the one asked to enter.
 */
export function parseTenantEntry(value: unknown, asked: string): LuigiTenant {
  const tenant = (value as { tenant?: Record<string, unknown> } | null)?.tenant;
  if (
    typeof tenant?.id !== 'string' ||
    !TENANT_ID_PATTERN.test(tenant.id) ||
    typeof tenant.title !== 'string' ||
    tenant.id !== asked
  ) {
    throw new Error('The luigi backend answered the request to enter a tenant with something else');
  }
  return { id: tenant.id, title: tenant.title };
}
