import { LuigiTenantConfig } from 'backstage-plugin-luigi-common';

/**
 * A tenant of `luigi.tenants`, as the backend works with it: its config, and the origins its micro
 * apps may use.
 * @public
 */
export interface ConfiguredTenant extends LuigiTenantConfig {
  /**
   * The tenant's `allowedOrigins` as origins when it has its own, else the whole `luigi.allowedOrigins`:
   * always a subset of the global allowlist.
   */
  origins: ReadonlySet<string>;
}

/**
 * The configured tenant with this id, if any.
 * @public
 */
export function findTenant(tenants: readonly ConfiguredTenant[], id: string | undefined): ConfiguredTenant | undefined {
  return id === undefined ? undefined : tenants.find(tenant => tenant.id === id);
}
