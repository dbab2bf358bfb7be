import { createApiRef, DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  LUIGI_ADMIN_WARNINGS_PATH,
  LUIGI_TENANTS_PATH,
  LUIGI_TOKENS_PATH,
  LuigiAccessDecisions,
  LuigiAdminWarnings,
  LuigiMicroAppToken,
  LuigiMicroAppTokenRequest,
  LuigiTenant,
  LuigiTenants,
  parseAccessDecisions,
  parseAdminWarnings,
  parseMicroAppToken,
  parseTenants,
} from 'backstage-plugin-luigi-common';
import { accessRequestCalls, LuigiAccessRequestsApi } from './accessRequestCalls';
import { parseTenantEntry } from './tenantEntry';

/**
 * The backend's answer to entering a tenant: entered (with the tenant as the user sees it), or
 * refused (`403`). Decided and audited on the server.
 * @public
 */
export type LuigiTenantEntry = { entered: true; tenant: LuigiTenant } | { entered: false };

/**
 * Asks the luigi backend which micro frontends the signed-in user may open, which tenants they may
 * enter, and for micro app tokens. The backend decides, on Backstage's permission framework; the
 * frontend only hides what the backend would refuse anyway.
 * @public
 */
export interface LuigiAccessApi {
  /**
   * Whether tenants are configured, and the ones the user may enter, in config order (the first is
   * the default). Not configured: `{ configured: false, tenants: [] }`.
   */
  tenants(): Promise<LuigiTenants>;
  /**
   * Enters a tenant (`from`: the tenant shown before, on a switch). Resolves `{ entered: false }` when
   * the backend refuses; rejects when it could not decide.
   */
  enterTenant(tenant: string, from?: string): Promise<LuigiTenantEntry>;
  /**
   * One decision per entity ref (normalized), and the backend's access mode. With `tenant`, every
   * entity outside it is denied (`other-tenant`, `no-tenant`); without, each is decided in its own.
   */
  decide(entityRefs: string[], tenant?: string): Promise<LuigiAccessDecisions>;
  /**
   * A token for one entity's micro apps, issued by the backend only if the user may open them:
   * short-lived, with the entity's audience. Rejects when the backend refuses.
   */
  issueToken(request: LuigiMicroAppTokenRequest): Promise<LuigiMicroAppToken>;
  /**
   * The backend's warnings for the portal's admins (a permission policy that lets everybody open
   * every micro app), for a user the policy allows `luigi.admin.read`; none for anybody else.
   * Optional, so that implementations written before it keep working: absent, the page shows none.
   */
  adminWarnings?(): Promise<LuigiAdminWarnings>;
  /**
   * Access requests: asking for one micro app, where the request stands, and for owners and admins
   * what waits for them. Optional, like `adminWarnings`: absent, the denied panel offers no request.
   */
  accessRequests?: LuigiAccessRequestsApi;
}

/** Entity refs per decisions request: well below the backend's limit, and parts decide side by side. */
const DECISIONS_PER_REQUEST = 2_000;

/**
 * API ref for {@link LuigiAccessApi}.
 * @public
 */
export const luigiAccessApiRef = createApiRef<LuigiAccessApi>({ id: 'plugin.luigi.access' });

/** The token request as sent: only the fields that are set, so the body stays what it was without tenants. */
function tokenRequestBody(request: LuigiMicroAppTokenRequest): LuigiMicroAppTokenRequest {
  const { entityRef, tenant, purpose, subjectToken } = request;
  return {
    entityRef,
    ...(tenant !== undefined ? { tenant } : {}),
    ...(purpose !== undefined ? { purpose } : {}),
    ...(subjectToken !== undefined ? { subjectToken } : {}),
  };
}

/**
 * {@link LuigiAccessApi} over the luigi backend plugin's `/tenants`, `/access/decisions`, `/tokens`,
 * `/admin/warnings` and access request routes, with the user's own credentials (Backstage's fetch API adds them).
 * @public
 */
export class LuigiAccessClient implements LuigiAccessApi {
  readonly accessRequests: LuigiAccessRequestsApi;

  constructor(private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.accessRequests = accessRequestCalls((path, init) => this.request(path, init));
  }

  async tenants(): Promise<LuigiTenants> {
    const response = await this.request(LUIGI_TENANTS_PATH, { method: 'GET' });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return parseTenants(await response.json());
  }

  async enterTenant(tenant: string, from?: string): Promise<LuigiTenantEntry> {
    const response = await this.post(`${LUIGI_TENANTS_PATH}/enter`, from === undefined ? { tenant } : { tenant, from });
    // A refusal is an answer; anything else that is not a success is a failure to decide.
    if (response.status === 403) return { entered: false };
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return { entered: true, tenant: parseTenantEntry(await response.json(), tenant) };
  }

  async decide(entityRefs: string[], tenant?: string): Promise<LuigiAccessDecisions> {
    // The backend decides at most 10,000 refs per request: a larger catalog is asked in parts.
    const parts: string[][] = [];
    for (let i = 0; i < entityRefs.length; i += DECISIONS_PER_REQUEST) parts.push(entityRefs.slice(i, i + DECISIONS_PER_REQUEST));
    if (parts.length <= 1) return this.decidePart(entityRefs, tenant);
    const answers = await Promise.all(parts.map(part => this.decidePart(part, tenant)));
    return { mode: answers[0].mode, decisions: answers.flatMap(answer => answer.decisions) };
  }

  private async decidePart(entityRefs: string[], tenant?: string): Promise<LuigiAccessDecisions> {
    const response = await this.post('/access/decisions', tenant === undefined ? { entityRefs } : { entityRefs, tenant });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return parseAccessDecisions(await response.json());
  }

  async issueToken(request: LuigiMicroAppTokenRequest): Promise<LuigiMicroAppToken> {
    const response = await this.post(LUIGI_TOKENS_PATH, tokenRequestBody(request), {
      // Tokens are never cached, by the browser or anything between.
      cache: 'no-store',
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const token = parseMicroAppToken(await response.json());
    // A token of another tenant than the one asked for never reaches a micro app.
    if (request.tenant !== undefined && token.tenant !== request.tenant) {
      throw new Error(`The luigi backend answered with a token for another tenant than ${request.tenant}`);
    }
    return token;
  }

  async adminWarnings(): Promise<LuigiAdminWarnings> {
    const response = await this.request(LUIGI_ADMIN_WARNINGS_PATH, { method: 'GET', cache: 'no-store' });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return parseAdminWarnings(await response.json());
  }

  private post(path: string, body: object, init: RequestInit = {}): Promise<Response> {
    return this.request(path, {
      ...init,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('luigi');
    return this.options.fetchApi.fetch(`${baseUrl}${path}`, init);
  }
}
