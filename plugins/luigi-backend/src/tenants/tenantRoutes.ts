import { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { LUIGI_AUDIT_EVENTS, LUIGI_TENANTS_PATH, LuigiTenant, LuigiTenants } from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { AccessMode } from '../access/accessMode';
import { userCredentials } from '../access/userCredentials';
import { recordAuditEvent } from '../audit/recordAuditEvent';
import { auditableError } from '../audit/redactSecrets';
import { RefusalReason, refusalFacts } from '../audit/refusal';
import { ConfiguredTenant, findTenant } from './configuredTenant';
import { authorizeEnter, decideTenantEntry, enterableTenants } from './decideTenantEntry';
import { readOptionalTenantId, readTenantEnterRequest, TenantEnterRequest } from './tenantRequest';

/** What the tenant routes need. */
export interface TenantRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  accessMode: AccessMode;
  /** `luigi.tenants`, in config order. */
  tenants: readonly ConfiguredTenant[];
}

const asTenant = ({ id, title }: ConfiguredTenant): LuigiTenant => ({ id, title });

/**
 * `GET /tenants`: the tenants the signed-in user may enter, in config order (`LuigiTenants`).
 * `POST /tenants/enter`: entering one (`{ tenant, from? }`), decided and audited (`tenant-enter`):
 * `200 { tenant: { id, title } }`, or `403` with the same message for a tenant that does not exist
 * and one the user may not enter, so the route tells nobody which tenants exist.
 */
export function createTenantRoutes(options: TenantRoutesOptions): express.Router {
  const { httpAuth, permissions, auditor, accessMode, tenants } = options;
  const router = Router();

  router.get(LUIGI_TENANTS_PATH, async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    if (tenants.length === 0) {
      res.json({ configured: false, tenants: [] } satisfies LuigiTenants);
      return;
    }
    const enterable = await enterableTenants(
      tenants.map(t => t.id),
      accessMode,
      authorizeEnter(permissions, credentials),
    );
    res.json({ configured: true, tenants: tenants.filter(t => enterable.has(t.id)).map(asTenant) } satisfies LuigiTenants);
  });

  router.post(`${LUIGI_TENANTS_PATH}/enter`, async (req, res) => {
    let request: TenantEnterRequest;
    let denial: RefusalReason | undefined;
    try {
      const credentials = await userCredentials(httpAuth, req);
      request = readTenantEnterRequest(req.body);
      const tenant = findTenant(tenants, request.tenant);
      if (!tenant) {
        denial = 'unknown-tenant';
      } else {
        const [entry] = await decideTenantEntry([tenant.id], accessMode, authorizeEnter(permissions, credentials));
        if (entry?.result !== 'allow') denial = entry?.result === 'deny' ? entry.reason : 'malformed-decision';
      }
    } catch (error) {
      // Unauthenticated, a service, a malformed body or a failing permission backend: no decision.
      const body = (req.body ?? {}) as Record<string, unknown>;
      await recordAuditEvent(auditor, {
        eventId: LUIGI_AUDIT_EVENTS.tenantEnter,
        severityLevel: 'low',
        request: req,
        meta: { ...wellFormed({ tenant: body.tenant, from: body.from }), reason: refusalFacts(error).reason },
        error: auditableError(error, []),
      });
      throw error;
    }

    const meta = { tenant: request.tenant, ...(request.from === undefined ? {} : { from: request.from }) };
    if (denial) {
      // One message for unknown and refused tenants alike; the audit trail keeps the difference.
      const error = new NotAllowedError(`You may not enter the tenant ${request.tenant}`);
      await recordAuditEvent(auditor, {
        eventId: LUIGI_AUDIT_EVENTS.tenantEnter,
        severityLevel: 'medium',
        request: req,
        meta: { ...meta, decision: 'deny', reason: denial },
        error,
      });
      throw error;
    }
    await recordAuditEvent(auditor, {
      eventId: LUIGI_AUDIT_EVENTS.tenantEnter,
      severityLevel: 'low',
      request: req,
      meta: { ...meta, decision: 'allow' },
    });
    res.json({ tenant: asTenant(findTenant(tenants, request.tenant)!) });
  });

  return router;
}

/** The fields that are well-formed tenant ids; nothing else of a malformed body is recorded. */
function wellFormed(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    try {
      const id = readOptionalTenantId(value, key);
      if (id !== undefined) out[key] = id;
    } catch {
      // Not a tenant id: left out.
    }
  }
  return out;
}
