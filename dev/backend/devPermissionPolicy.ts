import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, isPermission, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { luigiMicroFrontendOpenPermission, luigiTenantEnterPermission } from 'backstage-plugin-luigi-common';
import {
  createLuigiTenantConditionalDecision,
  luigiAccessGrantConditions,
  luigiTenantConditions,
} from 'backstage-plugin-luigi-backend';

/** The group whose members may open every micro app and enter every tenant. */
const ADMINS = 'group:default/platform-admins';

/** One extra grant of the grants file: `principal` opens the micro apps of what `owner` owns. */
interface Grant {
  principal: string;
  owner: string;
}

/** One tenant grant of the grants file: `principal` enters these tenants too. */
interface TenantGrant {
  principal: string;
  tenants: string[];
}

interface GrantsFile {
  grants: Grant[];
  tenants: TenantGrant[];
}

/** The last parse of the grants file, and the file's state it was parsed from. */
let parsed: { file: string; version: string; grants: GrantsFile } | undefined;

/**
 * The grants of `file` as it is now: a policy change takes effect at the next decision, as with RBAC
 * tools' policy files. Parsed again only when the file changed (its modification time, size or inode):
 * the policy runs for every decision, and parsing YAML each time held up the backend under load. A
 * file that cannot be read grants nothing extra.
 */
function readGrants(file: string | undefined): GrantsFile {
  const none: GrantsFile = { grants: [], tenants: [] };
  if (!file) return none;
  try {
    const stat = statSync(file);
    const version = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    if (parsed?.file === file && parsed.version === version) return parsed.grants;
    const grants = parseGrants(readFileSync(file, 'utf8'));
    parsed = { file, version, grants };
    return grants;
  } catch {
    return none;
  }
}

/** The well-formed grants of a grants file's text. */
function parseGrants(text: string): GrantsFile {
  const content = parse(text);
  const grants = Array.isArray(content?.grants) ? content.grants : [];
  const tenants = Array.isArray(content?.tenants) ? content.tenants : [];
  return {
    grants: grants.filter((g: any): g is Grant => typeof g?.principal === 'string' && typeof g?.owner === 'string'),
    tenants: tenants.filter(
      (t: any): t is TenantGrant =>
        typeof t?.principal === 'string' && Array.isArray(t?.tenants) && t.tenants.every((id: unknown) => typeof id === 'string'),
    ),
  };
}

/**
 * The dev portal's TypeScript policy (`LUIGI_DEV_POLICY=typescript`, which the replica test and the
 * backend benchmark run; docs/access.md's "Install a permission policy" is its core).
 *
 * Micro apps: platform admins open every one; everybody else opens the micro apps of the entities
 * they own (themselves or through a group) and those an owner granted them by approving an access
 * request (until the grant ends), conditions the catalog resolves. So alice
 * (platform-admins) opens all of them, bob (team-billing) only billing's. The grants file
 * (`devPortal.permissionGrantsFile`) adds owners whose apps a user or group may open too.
 *
 * Tenants: platform admins enter every tenant; everybody else enters the tenants of
 * `devPortal.defaultTenants` and those the grants file's `tenants` list gives them, a condition
 * (`IS_TENANT`) the luigi backend resolves. So alice enters commerce and logistics, bob only commerce.
 *
 * Every other permission is granted: the dev portal has nothing else to protect.
 */
export class DevPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly grantsFile?: string,
    private readonly defaultTenants: readonly string[] = [],
  ) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const ownership = user?.info.ownershipEntityRefs ?? [];
    // Admins open every micro app and enter every tenant; everything else is granted to all anyway.
    if (ownership.includes(ADMINS)) return { result: AuthorizeResult.ALLOW };
    if (isPermission(request.permission, luigiMicroFrontendOpenPermission)) {
      const owners = this.grantsTo(ownership).grants.map(grant => grant.owner);
      // Or an owner granted it by approving an access request, until the grant ends.
      return createCatalogConditionalDecision(request.permission, {
        anyOf: [
          catalogConditions.isEntityOwner({ claims: [...ownership, ...owners] }),
          luigiAccessGrantConditions.hasAccessGrant({ userEntityRef: user?.info.userEntityRef ?? '' }),
        ],
      });
    }
    if (isPermission(request.permission, luigiTenantEnterPermission)) {
      const tenants = this.grantsTo(ownership).tenants.flatMap(grant => grant.tenants);
      return createLuigiTenantConditionalDecision(
        request.permission,
        luigiTenantConditions.isTenant({ tenantIds: [...new Set([...this.defaultTenants, ...tenants])] }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }

  /** The grants of the grants file, read now, to the user or one of their groups (`ownership`). */
  private grantsTo(ownership: readonly string[]): GrantsFile {
    const { grants, tenants } = readGrants(this.grantsFile);
    const theirs = <T extends Grant | TenantGrant>(entries: T[]) => entries.filter(entry => ownership.includes(entry.principal));
    return { grants: theirs(grants), tenants: theirs(tenants) };
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
        const defaultTenants = config.getOptionalStringArray('devPortal.defaultTenants') ?? [];
        policy.setPolicy(new DevPermissionPolicy(file ? resolve(file) : undefined, defaultTenants));
      },
    });
  },
});
