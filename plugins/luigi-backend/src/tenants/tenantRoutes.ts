import { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { LUIGI_AUDIT_EVENTS, LUIGI_TENANTS_PATH, LuigiTenant, LuigiTenants } from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { AccessMode } from '../access/accessMode';
import { userCredentials } from '../access/userCredentials';
import { recordAuditEvent, recordRefusal } from '../audit/recordAuditEvent';
import { RefusalReason } from '../audit/refusal';
import { jsonBodyReader } from '../http/readJsonBody';
import { readUserRequest } from '../http/readUserRequest';
import { ConfiguredTenant, findTenant } from './configuredTenant';
import { authorizeEnter, decideTenantEntry, enterableTenants } from './decideTenantEntry';
import { readTenantEnterRequest } from './tenantRequest';

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

/** The largest `POST /tenants/enter` body, in bytes: two tenant ids take less than a hundred. */
export const TENANT_ENTER_BODY_LIMIT = 64 * 1024;

/**
 * What a refused tenant entry is answered with, whether the tenant does not exist or the user may
 * not enter it: one message, naming no tenant, so the answers are the same.
 */
export const TENANT_REFUSED_MESSAGE = 'You may not enter this tenant';

/**
 * `GET /tenants`: the tenants the signed-in user may enter, in config order (`LuigiTenants`).
 * `POST /tenants/enter`: entering one (`{ tenant, from? }`), decided and audited (`tenant-enter`,
 * refusals before the body is read included): `200 { tenant: { id, title } }`, or `403` with the
 * same body for a tenant that does not exist and one the user may not enter, decided the same way
 * (the permission framework is asked about both), so the route tells nobody which tenants exist,
 * not even by its timing.
 */
export function createTenantRoutes(options: TenantRoutesOptions): express.Router {
  const { httpAuth, permissions, auditor, accessMode, tenants } = options;
  const router = Router();
  const readBody = jsonBodyReader(TENANT_ENTER_BODY_LIMIT);

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
    const refuse = (error: unknown, meta?: JsonObject) =>
      recordRefusal(auditor, { eventId: LUIGI_AUDIT_EVENTS.tenantEnter, request: req, error, meta });
    const { credentials, request } = await readUserRequest(req, res, {
      httpAuth,
      auditor,
      eventId: LUIGI_AUDIT_EVENTS.tenantEnter,
      readBody,
      parse: readTenantEnterRequest,
    });

    const meta = { tenant: request.tenant, ...(request.from === undefined ? {} : { from: request.from }) };
    const tenant = findTenant(tenants, request.tenant);
    let denial: RefusalReason | undefined;
    try {
      // An unknown id is asked about as it is, like a known one (the policy cannot make it exist:
      // an unknown id is no resource, and is refused below whatever the answer), so both take the
      // same path and time.
      const [entry] = await decideTenantEntry([request.tenant], accessMode, authorizeEnter(permissions, credentials));
      if (!tenant) denial = 'unknown-tenant';
      else if (entry?.result !== 'allow') denial = entry?.result === 'deny' ? entry.reason : 'malformed-decision';
    } catch (error) {
      // A failing permission backend: no decision.
      throw await refuse(error, meta);
    }

    if (denial) {
      // One answer for unknown and refused tenants alike; the audit trail keeps the difference.
      const error = new NotAllowedError(TENANT_REFUSED_MESSAGE);
      await recordAuditEvent(auditor, {
        eventId: LUIGI_AUDIT_EVENTS.tenantEnter,
        severityLevel: 'medium',
        request: req,
        meta: { ...meta, decision: 'deny', reason: denial },
        error,
      });
      throw error;
    }
    // Medium, as refusals: Backstage's default auditor logs low at debug, which its default log level hides.
    await recordAuditEvent(auditor, {
      eventId: LUIGI_AUDIT_EVENTS.tenantEnter,
      severityLevel: 'medium',
      request: req,
      meta: { ...meta, decision: 'allow' },
    });
    res.json({ tenant: asTenant(tenant!) });
  });

  return router;
}
