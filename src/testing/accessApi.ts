import {
  LuigiAccessDecision,
  LuigiAccessDecisions,
  LuigiMicroAppToken,
  LuigiMicroAppTokenRequest,
  LuigiTenants,
} from 'backstage-plugin-luigi-common';
import { LuigiAccessApi, LuigiTenantEntry } from '../access/luigiAccessApi';

/** A tenant as the test backend knows it. */
export interface TestTenant {
  id: string;
  /** Default: the id. */
  title?: string;
  /** Whether the user may enter it. Default true. */
  enterable?: boolean;
  /** Which entities belong to it. */
  members(entityRef: string): boolean;
}

/** Options of {@link accessApiAllowing}. */
export interface TestAccessOptions {
  /** Configured tenants, in config order; none: tenants are not configured. */
  tenants?: TestTenant[];
  /** How long issued tokens are valid. Default five minutes. */
  lifetimeMs?: number;
}

/** What the test backend was asked, for tests to check. */
export interface TestAccessRecord {
  /** The entity refs of each decisions request. */
  asked: string[][];
  /** Each decisions request, with its tenant. */
  decided: Array<{ entityRefs: string[]; tenant?: string }>;
  /** The entity ref of each token issued. */
  issued: string[];
  /** Each token request, issued or refused. */
  requests: LuigiMicroAppTokenRequest[];
  /** Each request to enter a tenant. */
  entered: Array<{ tenant: string; from?: string }>;
}

/** An error as Backstage's `ResponseError` carries it: with the HTTP status. */
function refusal(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 403 });
}

/**
 * A {@link LuigiAccessApi} for tests, answering as the backend would under the permission framework:
 * allow what `allows(entityRef)` says (every entity by default), deny the rest by policy. Tokens
 * are `token-for:<entityRef>#<n>`, valid for five minutes, refused (403) for denied entities.
 * With `options.tenants`, tenants are configured: the user may enter those `enterable`, an entity
 * belongs to the first tenant whose `members` has it, and decisions and tokens follow the backend's
 * tenant rules (`other-tenant`, `no-tenant`, `tenant-denied`).
 */
export function accessApiAllowing(
  allows: (entityRef: string) => boolean = () => true,
  options: TestAccessOptions = {},
): LuigiAccessApi & TestAccessRecord {
  const tenants = options.tenants ?? [];
  const configured = tenants.length > 0;
  const record: TestAccessRecord = { asked: [], decided: [], issued: [], requests: [], entered: [] };
  const mayEnter = (id: string) => tenants.some(t => t.id === id && t.enterable !== false);
  const tenantOf = (ref: string) => tenants.find(t => t.members(ref))?.id;

  function decideOne(entityRef: string, tenant?: string): LuigiAccessDecision {
    const ref = entityRef.toLocaleLowerCase('en-US');
    if (!configured) {
      return allows(entityRef)
        ? { entityRef: ref, result: 'allow' }
        : { entityRef: ref, result: 'deny', reason: 'policy' };
    }
    const own = tenantOf(entityRef);
    if (tenant !== undefined && !mayEnter(tenant)) return { entityRef: ref, result: 'deny', reason: 'tenant-denied' };
    if (own === undefined) return { entityRef: ref, result: 'deny', reason: 'no-tenant' };
    if (tenant !== undefined && own !== tenant) return { entityRef: ref, result: 'deny', reason: 'other-tenant' };
    if (!mayEnter(own)) return { entityRef: ref, result: 'deny', reason: 'tenant-denied' };
    return allows(entityRef)
      ? { entityRef: ref, result: 'allow', tenant: own }
      : { entityRef: ref, result: 'deny', reason: 'policy' };
  }

  return {
    ...record,
    async tenants(): Promise<LuigiTenants> {
      return {
        configured,
        tenants: tenants.filter(t => mayEnter(t.id)).map(t => ({ id: t.id, title: t.title ?? t.id })),
      };
    },
    async enterTenant(tenant: string, from?: string): Promise<LuigiTenantEntry> {
      record.entered.push(from === undefined ? { tenant } : { tenant, from });
      const known = tenants.find(t => t.id === tenant);
      return known && mayEnter(tenant) ? { entered: true, tenant: { id: tenant, title: known.title ?? tenant } } : { entered: false };
    },
    async decide(entityRefs: string[], tenant?: string): Promise<LuigiAccessDecisions> {
      record.asked.push(entityRefs);
      record.decided.push(tenant === undefined ? { entityRefs } : { entityRefs, tenant });
      return { mode: 'permission-framework', decisions: entityRefs.map(ref => decideOne(ref, tenant)) };
    },
    async issueToken(request: LuigiMicroAppTokenRequest): Promise<LuigiMicroAppToken> {
      record.requests.push(request);
      const { entityRef } = request;
      const decision = decideOne(entityRef, configured ? request.tenant : undefined);
      if (decision.result !== 'allow' || (configured && request.tenant === undefined)) {
        throw refusal(`403: may not open ${entityRef}`);
      }
      record.issued.push(entityRef);
      return {
        token: `token-for:${entityRef}#${record.issued.length}`,
        expiresAt: Date.now() + (options.lifetimeMs ?? 300_000),
        audience: entityRef,
        entityRef,
        ...(decision.tenant !== undefined ? { tenant: decision.tenant } : {}),
      };
    },
  };
}
