import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, isPermission, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';

/** The group whose members may open every micro app. */
const ADMINS = 'group:default/platform-admins';

/**
 * The dev portal's permission policy (the README's worked example): platform admins open every micro
 * app; everybody else opens the micro apps of the entities they own (themselves or through a group),
 * a condition the catalog resolves. So alice (platform-admins) opens all of them, bob (team-billing)
 * only billing's. Every other permission is granted: the dev portal has nothing else to protect.
 */
export class DevPermissionPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (isPermission(request.permission, luigiMicroFrontendOpenPermission)) {
      const ownership = user?.info.ownershipEntityRefs ?? [];
      if (ownership.includes(ADMINS)) return { result: AuthorizeResult.ALLOW };
      return createCatalogConditionalDecision(request.permission, catalogConditions.isEntityOwner({ claims: ownership }));
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link DevPermissionPolicy} in the permission backend. */
export const devPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'dev-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new DevPermissionPolicy());
      },
    });
  },
});
