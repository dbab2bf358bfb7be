/**
 * The search parameter that names the tenant the micro apps page shows (`/luigi?tenant=logistics#/orders`).
 * A search parameter, not a path segment: Luigi's hash routing changes only the hash (it pushes
 * hash-only URLs), so the query string it finds stays as the host set it.
 */
export const TENANT_SEARCH_PARAM = 'tenant';

/** The tenant id a page URL's search (`?tenant=logistics`) names, or undefined for none. */
export function tenantFromSearch(search: string): string | undefined {
  const value = new URLSearchParams(search).get(TENANT_SEARCH_PARAM);
  return value ? value : undefined;
}

/** `search` with the tenant parameter set to `tenantId`, other parameters kept (`?tenant=retail`). */
export function searchWithTenant(search: string, tenantId: string): string {
  const params = new URLSearchParams(search);
  params.set(TENANT_SEARCH_PARAM, tenantId);
  return `?${params.toString()}`;
}

/**
 * A link to the micro apps page at `page`: in `tenantId` when given, at a micro app when `pathSegment`
 * is (`/luigi?tenant=retail#/orders`). Without either, the page itself.
 */
export function pageLink(page: string, tenantId?: string, pathSegment?: string): string {
  const search = tenantId === undefined ? '' : searchWithTenant('', tenantId);
  const hash = pathSegment === undefined ? '' : `#/${pathSegment}`;
  return `${page}${search}${hash}`;
}
