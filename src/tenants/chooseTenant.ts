import { LuigiTenant, LuigiTenants } from 'backstage-plugin-luigi-common';

/**
 * Which tenant the micro apps page is to show:
 * - `untenanted`: tenants are not configured; the page is what it always was (a tenant in the URL is ignored);
 * - `enter`: a tenant the user may enter, to be entered (the backend decides and records it);
 * - `denied`: the URL names a tenant the user may not enter (`tenantId`), or they may enter none.
 */
export type TenantChoice =
  | { kind: 'untenanted' }
  | { kind: 'enter'; tenant: LuigiTenant }
  | { kind: 'denied'; tenantId?: string };

/**
 * The page's tenant: the one the URL names when the user may enter it, else, with none named, the
 * first they may enter (config order). Pure.
 */
export function chooseTenant(tenants: LuigiTenants, urlTenant: string | undefined): TenantChoice {
  if (!tenants.configured) return { kind: 'untenanted' };
  if (urlTenant === undefined) {
    const first = tenants.tenants[0];
    return first ? { kind: 'enter', tenant: first } : { kind: 'denied' };
  }
  const named = tenants.tenants.find(tenant => tenant.id === urlTenant);
  return named ? { kind: 'enter', tenant: named } : { kind: 'denied', tenantId: urlTenant };
}
