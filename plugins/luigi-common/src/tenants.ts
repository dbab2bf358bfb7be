import { LUIGI_TENANT_ANNOTATION } from './annotations';
import { plainText } from './displayText';

/**
 * One tenant as app-config defines it (`luigi.tenants[]`): an isolated set of micro apps with its own
 * members. Who may enter it is decided by the permission framework (`luigi.tenant.enter`).
 * @public
 */
export interface LuigiTenantConfig {
  /** Lower-case letters, digits and dashes, 1 to 63 characters; in URLs and the token's `tenant` claim. */
  id: string;
  /** Shown in the tenant switcher. Defaults to the id. */
  title: string;
  /** Catalog namespaces whose entities belong to the tenant; each namespace in at most one tenant. */
  namespaces: string[];
  /**
   * Origins this tenant's micro apps may use, each also in `luigi.allowedOrigins` (a tenant narrows the
   * global allowlist, it never widens it). Absent: the whole global allowlist.
   */
  allowedOrigins?: string[];
}

/**
 * A tenant as the signed-in user sees it (`GET /api/luigi/tenants`).
 * @public
 */
export interface LuigiTenant {
  id: string;
  title: string;
}

/**
 * The body of `GET /api/luigi/tenants`: whether tenants are configured, and the ones the signed-in user
 * may enter, in config order (the first is the default). Without tenants configured, `configured` is
 * false and `tenants` empty: the plugin behaves as if tenants did not exist.
 * @public
 */
export interface LuigiTenants {
  configured: boolean;
  tenants: LuigiTenant[];
}

/**
 * Path, under the luigi backend's base URL, of the tenants the user may enter (`GET`), and (`POST`
 * `${LUIGI_TENANTS_PATH}/enter`, body `{ tenant: "retail", from: "logistics" }`) of entering one:
 * decided and audited by the backend, `200` with the tenant or `403`.
 * @public
 */
export const LUIGI_TENANTS_PATH = '/tenants';

/** The form of a tenant id. @public */
export const TENANT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The parts of an entity that decide its tenant.
 * @public
 */
export interface TenantMemberEntity {
  metadata: { namespace?: string; annotations?: Record<string, string> };
}

/**
 * The id of the tenant an entity belongs to, or undefined for none: the tenant whose `namespaces`
 * (app-config) list the entity's namespace (`default` when it has none). Config alone decides: the
 * `luigi-project.io/tenant` annotation never moves an entity (see {@link checkTenantAnnotation}).
 * @public
 */
export function tenantOfEntity(
  entity: TenantMemberEntity,
  tenants: ReadonlyArray<Pick<LuigiTenantConfig, 'id' | 'namespaces'>>,
): string | undefined {
  const namespace = (entity.metadata.namespace ?? 'default').toLocaleLowerCase('en-US');
  return tenants.find(tenant => tenant.namespaces.some(n => n.toLocaleLowerCase('en-US') === namespace))?.id;
}

/**
 * Why an entity's `luigi-project.io/tenant` annotation is refused, or undefined when it is fine or
 * absent. The annotation only states the tenant the owner expects, the one config gives the entity's
 * namespace; naming any other (another team's tenant, or one while the namespace is in none) is a
 * claim, refused, and the entity gets no token. Ignored while no tenants are configured.
 * @public
 */
export function checkTenantAnnotation(
  entity: TenantMemberEntity,
  tenants: ReadonlyArray<Pick<LuigiTenantConfig, 'id' | 'namespaces'>>,
): string | undefined {
  const annotated = entity.metadata.annotations?.[LUIGI_TENANT_ANNOTATION];
  if (annotated === undefined || tenants.length === 0) return undefined;
  const own = tenantOfEntity(entity, tenants);
  if (annotated.trim() === own) return undefined;
  const namespace = entity.metadata.namespace ?? 'default';
  const named = plainText(String(annotated));
  return own === undefined
    ? `the annotation names tenant "${named}", but namespace ${plainText(namespace)} is in no tenant (only luigi.tenants decides)`
    : `the annotation names tenant "${named}", but namespace ${plainText(namespace)} is in tenant ${own} (only luigi.tenants decides)`;
}

/**
 * Reads a tenants response, refusing (with an Error) anything that is not one.
 * @public
 */
export function parseTenants(value: unknown): LuigiTenants {
  const body = value as Record<string, unknown> | null;
  const tenants = body?.tenants;
  if (
    typeof body?.configured !== 'boolean' ||
    !Array.isArray(tenants) ||
    !tenants.every(
      t => typeof t?.id === 'string' && TENANT_ID_PATTERN.test(t.id) && typeof t?.title === 'string',
    )
  ) {
    throw new Error('The luigi backend answered the tenants request with something else');
  }
  return {
    configured: body.configured,
    tenants: tenants.map((t: LuigiTenant) => ({ id: t.id, title: t.title })),
  };
}
