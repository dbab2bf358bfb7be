// The host's permission policy: a user opens the micro apps of the entities they own, as the policy
// of docs/access.md decides. The luigi permissions are named, not imported: the plugin is only
// in the dynamic plugins root, as a portal that installs it dynamically (RBAC included) sees it.
const { createBackendModule } = require('@backstage/backend-plugin-api');
const { AuthorizeResult } = require('@backstage/plugin-permission-common');
const { policyExtensionPoint } = require('@backstage/plugin-permission-node/alpha');
const { catalogConditions, createCatalogConditionalDecision } = require('@backstage/plugin-catalog-backend/alpha');

/** Opening a micro app: only an entity's owners. The admin warnings: nobody. Everything else: allowed. */
class OwnerPolicy {
  async handle(request, user) {
    if (request.permission.name === 'luigi.micro-frontend.open') {
      const claims = user?.info.ownershipEntityRefs ?? [];
      return createCatalogConditionalDecision(request.permission, catalogConditions.isEntityOwner({ claims }));
    }
    if (request.permission.name === 'luigi.admin.read') return { result: AuthorizeResult.DENY };
    return { result: AuthorizeResult.ALLOW };
  }
}

module.exports = createBackendModule({
  pluginId: 'permission',
  moduleId: 'owner-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new OwnerPolicy());
      },
    });
  },
});
