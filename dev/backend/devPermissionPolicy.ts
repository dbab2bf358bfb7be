import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, isPermission, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';

/** The group whose members may open every micro app. */
const ADMINS = 'group:default/platform-admins';

/** One extra grant of the grants file: `principal` opens the micro apps of what `owner` owns. */
interface Grant {
  principal: string;
  owner: string;
}

/**
 * The grants of `file`, read now: a policy change takes effect at the next decision, as with RBAC
 * tools' policy files. A file that cannot be read grants nothing extra.
 */
function readGrants(file: string | undefined): Grant[] {
  if (!file) return [];
  try {
    const grants = parse(readFileSync(file, 'utf8'))?.grants;
    return Array.isArray(grants)
      ? grants.filter((g): g is Grant => typeof g?.principal === 'string' && typeof g?.owner === 'string')
      : [];
  } catch {
    return [];
  }
}

/**
 * The dev portal's permission policy (the README's worked example): platform admins open every micro
 * app; everybody else opens the micro apps of the entities they own (themselves or through a group),
 * a condition the catalog resolves. So alice (platform-admins) opens all of them, bob (team-billing)
 * only billing's. The grants file (`devPortal.permissionGrantsFile`) adds owners whose apps a user or
 * group may open too. Every other permission is granted: the dev portal has nothing else to protect.
 */
export class DevPermissionPolicy implements PermissionPolicy {
  constructor(private readonly grantsFile?: string) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (isPermission(request.permission, luigiMicroFrontendOpenPermission)) {
      const ownership = user?.info.ownershipEntityRefs ?? [];
      if (ownership.includes(ADMINS)) return { result: AuthorizeResult.ALLOW };
      const granted = readGrants(this.grantsFile)
        .filter(grant => ownership.includes(grant.principal))
        .map(grant => grant.owner);
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims: [...ownership, ...granted] }),
      );
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
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const file = config.getOptionalString('devPortal.permissionGrantsFile');
        policy.setPolicy(new DevPermissionPolicy(file ? resolve(file) : undefined));
      },
    });
  },
});
