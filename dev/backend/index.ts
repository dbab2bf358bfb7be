// The dev portal's Backstage backend (started by `npm start`): the catalog from dev/catalog with the
// identity provider's people, sign-in through the auth backend at the local OpenID Connect provider,
// the permission framework with Backstage's RBAC plugin, and the luigi plugin with its catalog
// module, Backstage's notifications and signals (for access requests), the scaffolder with the luigi
// micro app template, on an in-memory SQLite database, with an audit log file.
import { createBackend } from '@backstage/backend-defaults';
import { devAuditorServiceFactory } from './devAuditLog';
import { devIdentityOrgModule } from './devIdentityOrgProvider';
import { devPermissionPolicyModule } from './devPermissionPolicy';
import { devPublishLocalModule } from './devPublishLocal';
import { devReadinessPlugin } from './devReadinessPlugin';

const backend = createBackend();
// Audit events to a file of their own when devPortal.auditLogFile is set (the browser tests read it).
backend.add(devAuditorServiceFactory);
backend.add(import('@backstage/plugin-catalog-backend'));
// The identity provider's users, members of its groups, as an organisation provider would ingest them.
backend.add(devIdentityOrgModule);
backend.add(import('@backstage/plugin-auth-backend'));
// The `oidc` provider with the identity provider's groups mapped to catalog groups.
backend.add(import('backstage-plugin-luigi-backend/auth'));
if (process.env.LUIGI_DEV_POLICY === 'typescript') {
  // The TypeScript policy of docs/access.md instead of RBAC (the replica and benchmark runs use it: they
  // measure the plugin, not the RBAC plugin).
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(devPermissionPolicyModule);
} else {
  // Roles from dev/permissions (policy CSV and conditional policies), administered in the RBAC page.
  backend.add(import('@backstage-community/plugin-rbac-backend'));
}
backend.add(import('backstage-plugin-luigi-backend'));
backend.add(import('backstage-plugin-luigi-backend/catalog'));
// Software Templates (Create): the luigi-micro-app template checks its registration with the luigi
// scaffolder module and publishes to the sample micro app server (devPublishLocal.ts).
backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('backstage-plugin-luigi-backend/scaffolder'));
backend.add(devPublishLocalModule);
// Access requests reach the owners as Backstage notifications (signals push them to open pages).
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(devReadinessPlugin);
backend.start();
