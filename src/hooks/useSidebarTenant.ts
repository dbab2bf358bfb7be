import { LuigiTenant } from 'backstage-plugin-luigi-common';
import { MicroAppScope } from './useMicroApps';
import { useCurrentTenant } from './useCurrentTenant';
import { useLuigiTenants } from './useLuigiTenants';

/** The sidebar's tenant: the scope of the apps it lists, the tenant itself, and the others offered. */
export interface SidebarTenant {
  /** Undefined until the tenants are known (nothing is listed before). */
  scope?: MicroAppScope;
  tenant?: LuigiTenant;
  /** The other tenants the user may enter. */
  others: LuigiTenant[];
}

/**
 * The tenant whose apps the sidebar lists: the one the page shows or last showed in this tab, else the
 * default (the first the user may enter). Without tenants, every app, as always. When the tenants
 * cannot be read, nothing is listed: the page says why.
 */
export function useSidebarTenant(): SidebarTenant {
  const tenants = useLuigiTenants();
  const current = useCurrentTenant();
  const answer = tenants.value;
  if (!answer) return { others: [] };
  if (!answer.configured) return { scope: {}, others: [] };
  const tenant = answer.tenants.find(candidate => candidate.id === current?.id) ?? answer.tenants[0];
  if (!tenant) return { others: [] };
  return { scope: { tenant }, tenant, others: answer.tenants.filter(other => other.id !== tenant.id) };
}
