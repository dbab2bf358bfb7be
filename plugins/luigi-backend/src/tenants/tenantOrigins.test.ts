import { normalizeClientPermissionLimits } from 'backstage-plugin-luigi-common';
import { ConfiguredTenant } from './configuredTenant';
import { outsideTenantOrigins } from './tenantOrigins';

const allowedOrigins = new Set(['https://apps.example.com', 'https://other.example.com']);
const narrowed: ConfiguredTenant = {
  id: 'retail',
  title: 'Retail',
  namespaces: ['retail'],
  allowedOrigins: ['https://apps.example.com'],
  origins: new Set(['https://apps.example.com']),
};
const granting = (viewUrl: string) => ({
  'luigi-project.io/view-url': viewUrl,
  'luigi-project.io/node-settings': JSON.stringify({ clientPermissions: { urlParameters: { q: { read: true } } } }),
});
const clientPermissions = normalizeClientPermissionLimits({ urlParameters: ['q'] });

describe('outsideTenantOrigins', () => {
  it('is true for a view at an origin the tenant leaves out, also when its node settings grant client permissions', () => {
    expect(outsideTenantOrigins({ 'luigi-project.io/view-url': 'https://other.example.com/x/' }, narrowed, { allowedOrigins })).toBe(true);
    // Checked with the admin's limits: without them the settings would be refused, the entity taken
    // for "no valid view at all" instead of "outside the tenant", and its token decided on that.
    expect(outsideTenantOrigins(granting('https://other.example.com/x/'), narrowed, { allowedOrigins, clientPermissions })).toBe(true);
  });

  it("is false for a view at the tenant's origins, and for a tenant that does not narrow the allowlist", () => {
    expect(outsideTenantOrigins(granting('https://apps.example.com/x/'), narrowed, { allowedOrigins, clientPermissions })).toBe(false);
    const wide: ConfiguredTenant = { id: 'all', title: 'All', namespaces: ['default'], origins: allowedOrigins };
    expect(outsideTenantOrigins(granting('https://other.example.com/x/'), wide, { allowedOrigins, clientPermissions })).toBe(false);
  });
});
