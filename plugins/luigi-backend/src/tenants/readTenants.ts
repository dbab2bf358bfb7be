import { RootConfigService } from '@backstage/backend-plugin-api';
import { normalizeAllowedOrigins, TENANT_ID_PATTERN } from 'backstage-plugin-luigi-common';
import { ConfiguredTenant } from './configuredTenant';

/**
 * Reads `luigi.tenants`, in config order. Throws, so the backend refuses to start, on a tenant id
 * that is not one (`TENANT_ID_PATTERN`), an id used twice, a namespace listed by two tenants, or a
 * tenant origin that is no origin or not in `luigi.allowedOrigins`: a tenant narrows the global
 * allowlist, it never widens it. The title defaults to the id. Absent or empty: no tenants.
 * @param allowedOrigins - `luigi.allowedOrigins`, as origins (see `readAllowedOrigins`)
 * @public
 */
export function readTenants(config: RootConfigService, allowedOrigins: ReadonlySet<string>): ConfiguredTenant[] {
  const tenants: ConfiguredTenant[] = [];
  const namespaceOwners = new Map<string, string>();
  (config.getOptionalConfigArray('luigi.tenants') ?? []).forEach((entry, index) => {
    const at = `luigi.tenants[${index}]`;
    const id = entry.getString('id');
    if (!TENANT_ID_PATTERN.test(id)) {
      throw new Error(
        `${at}.id "${id}" is not a tenant id: use 1 to 63 lower-case letters, digits and dashes, ` +
          'starting and ending with a letter or digit',
      );
    }
    const earlier = tenants.findIndex(tenant => tenant.id === id);
    if (earlier >= 0) throw new Error(`${at}.id "${id}" is the id of luigi.tenants[${earlier}] already`);

    const namespaces = entry.getOptionalStringArray('namespaces') ?? [];
    for (const namespace of namespaces) {
      // Catalog namespaces compare case-insensitively, as entity refs do.
      const key = namespace.toLocaleLowerCase('en-US');
      const owner = namespaceOwners.get(key);
      if (owner !== undefined && owner !== id) {
        throw new Error(`${at}.namespaces: namespace "${namespace}" belongs to tenant ${owner} already`);
      }
      namespaceOwners.set(key, id);
    }

    const entries = entry.getOptionalStringArray('allowedOrigins');
    const own = entries === undefined ? undefined : narrowedOrigins(entries, allowedOrigins, at);
    tenants.push({
      id,
      title: entry.getOptionalString('title') ?? id,
      namespaces,
      ...(own === undefined ? {} : { allowedOrigins: own }),
      origins: own === undefined ? allowedOrigins : new Set(own),
    });
  });
  return tenants;
}

/** A tenant's own allowed origins, normalized as the global ones are; each must be a global one too. */
function narrowedOrigins(entries: string[], allowedOrigins: ReadonlySet<string>, at: string): string[] {
  const { origins, invalid } = normalizeAllowedOrigins(entries);
  if (invalid.length > 0) {
    throw new Error(`${at}.allowedOrigins entry "${invalid[0]}" is not an origin (scheme://host[:port])`);
  }
  for (const origin of origins) {
    if (!allowedOrigins.has(origin)) {
      throw new Error(
        `${at}.allowedOrigins: ${origin} is not in luigi.allowedOrigins (a tenant narrows the global ` +
          'allowlist, it never widens it)',
      );
    }
  }
  return [...origins];
}
