import { LuigiTenantConfig, normalizeAllowedOrigins } from 'backstage-plugin-luigi-common';

/** The origins each tenant's micro apps may use, by tenant id. */
export type TenantOrigins = ReadonlyMap<string, ReadonlySet<string>>;

/** What of a `luigi.tenants[]` entry decides its origins. */
export type TenantOriginsEntry = Pick<LuigiTenantConfig, 'id' | 'allowedOrigins'>;

/**
 * Each tenant's origins from `luigi.tenants`, by id: its own `allowedOrigins`, normalised, when it has
 * them, else the whole global allowlist. Pure.
 * @param allowedOrigins - `luigi.allowedOrigins`, as origins
 */
export function readTenantOrigins(
  tenants: readonly TenantOriginsEntry[],
  allowedOrigins: ReadonlySet<string>,
): TenantOrigins {
  const byId = new Map<string, ReadonlySet<string>>();
  for (const tenant of tenants) {
    // The backend refuses to start on a repeated id; the first one counts here.
    if (byId.has(tenant.id)) continue;
    if (tenant.allowedOrigins === undefined) {
      byId.set(tenant.id, allowedOrigins);
      continue;
    }
    // A tenant narrows the global allowlist, never widens it: the backend refuses to start on an
    // origin outside it, and the frontend does not count on that. Entries that are no origins
    // (refused by the backend too) count for nothing.
    const { origins } = normalizeAllowedOrigins(tenant.allowedOrigins);
    byId.set(tenant.id, new Set([...origins].filter(origin => allowedOrigins.has(origin))));
  }
  return byId;
}

/**
 * The origins of the tenant `tenantId`. A tenant the frontend's config does not list gets the global
 * allowlist: the frontend knows nothing narrower, and the backend still refuses an entity with no
 * view at its tenant's origins.
 * @param allowedOrigins - `luigi.allowedOrigins`, as origins
 */
export function originsOfTenant(
  tenantOrigins: TenantOrigins,
  tenantId: string,
  allowedOrigins: ReadonlySet<string>,
): ReadonlySet<string> {
  return tenantOrigins.get(tenantId) ?? allowedOrigins;
}
