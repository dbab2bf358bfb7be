/** A tenant as far as the origins of the micro frontends shown in it go. */
export interface TenantOriginScope {
  /** The tenant's id, named in the reason a view is refused. */
  id: string;
  /** The origins the tenant's micro frontends may use (see `originsOfTenant`). */
  origins: ReadonlySet<string>;
}

/** The origin of an absolute URL, or undefined for anything else. */
function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Why the micro frontend at `viewUrl` (already checked against `luigi.allowedOrigins`) may not be
 * framed in `tenant`, or undefined when its origin is one of the tenant's. Pure; the reason is plain
 * text, e.g. `origin https://x.example is not in the allowed origins of tenant logistics`.
 */
export function tenantOriginProblem(viewUrl: string, tenant: TenantOriginScope): string | undefined {
  const origin = originOf(viewUrl);
  if (origin !== undefined && tenant.origins.has(origin)) return undefined;
  return `origin ${origin ?? viewUrl} is not in the allowed origins of tenant ${tenant.id}`;
}
