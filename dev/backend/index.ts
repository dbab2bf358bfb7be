// The dev portal's Backstage backend (started by `npm start`): the catalog from dev/catalog, sign-in
// through the auth backend at the local OpenID Connect provider, the permission framework, and the
// luigi plugin with its catalog module, on an in-memory SQLite database, with an audit log file.
import { createBackend } from '@backstage/backend-defaults';
import { devAuditorServiceFactory } from './devAuditLog';
import { devPermissionPolicyModule } from './devPermissionPolicy';
import { devReadinessPlugin } from './devReadinessPlugin';

const backend = createBackend();
// Audit events to a file of their own when devPortal.auditLogFile is set (the browser tests read it).
backend.add(devAuditorServiceFactory);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
// The `oidc` provider with the identity provider's groups mapped to catalog groups.
backend.add(import('backstage-plugin-luigi-backend/auth'));
backend.add(import('@backstage/plugin-permission-backend'));
// Platform admins open every micro app, everybody else those of the entities they own.
backend.add(devPermissionPolicyModule);
backend.add(import('backstage-plugin-luigi-backend'));
backend.add(import('backstage-plugin-luigi-backend/catalog'));
backend.add(devReadinessPlugin);
backend.start();
