import { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ClientPermissionLimits, LUIGI_AUDIT_EVENTS } from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { accessDecideMeta } from '../audit/accessDecideMeta';
import { auditableError } from '../audit/redactSecrets';
import { refusalFacts } from '../audit/refusal';
import { ConfiguredTenant } from '../tenants/configuredTenant';
import { authorizeEnter } from '../tenants/decideTenantEntry';
import { readOptionalTenantId } from '../tenants/tenantRequest';
import { AccessMode } from './accessMode';
import { authorizeOpen } from './authorizeOpen';
import { AccessDecision, decideAccess } from './decideAccess';
import { readDecisionsRequest } from './decisionsRequest';
import { decideTenantAccess } from './decideTenantAccess';
import { readTenantMembers } from './readTenantMembers';
import { userCredentials } from './userCredentials';

/** What the access decisions route needs. */
export interface AccessRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  accessMode: AccessMode;
  /** `luigi.tenants`; empty: decisions as without tenants. */
  tenants: readonly ConfiguredTenant[];
  /** `luigi.allowedOrigins`, as origins. */
  allowedOrigins: ReadonlySet<string>;
  /** `luigi.clientPermissions`; absent: none. */
  clientPermissions?: ClientPermissionLimits;
}

/**
 * `POST /access/decisions`: which of these entities' micro frontends may the signed-in user open
 * (in the tenant named, with tenants configured)? Asked with the user's own credentials: a service
 * or an anonymous caller gets no answer. One `access-decide` event per request.
 */
export function createAccessRoutes(options: AccessRoutesOptions): express.Router {
  const { httpAuth, permissions, catalog, auditor, accessMode, tenants, allowedOrigins, clientPermissions } = options;
  const router = Router();

  router.post('/access/decisions', async (req, res) => {
    const event = await auditor.createEvent({
      eventId: LUIGI_AUDIT_EVENTS.accessDecide,
      severityLevel: 'low',
      request: req,
    });
    let tenant: string | undefined;
    let decisions: AccessDecision[];
    try {
      const credentials = await userCredentials(httpAuth, req);
      const request = readDecisionsRequest(req.body);
      tenant = request.tenant;
      decisions =
        tenants.length === 0
          ? await decideAccess(request.entityRefs, accessMode, authorizeOpen(permissions, credentials))
          : await decideTenantAccess(request.entityRefs, request.tenant, {
              mode: accessMode,
              tenants,
              allowedOrigins,
              clientPermissions,
              readMembers: readTenantMembers(catalog, credentials),
              authorizeEnter: authorizeEnter(permissions, credentials),
              authorizeOpen: authorizeOpen(permissions, credentials),
            });
    } catch (error) {
      const asked = safeTenant((req.body as { tenant?: unknown } | undefined)?.tenant);
      await event.fail({
        error: auditableError(error, []),
        meta: { reason: refusalFacts(error).reason, ...(asked === undefined ? {} : { tenant: asked }) },
      });
      throw error;
    }
    await event.success({ meta: accessDecideMeta(tenant, decisions) });
    res.json({ mode: accessMode, decisions });
  });

  return router;
}

/** The tenant of a body, when it is one; nothing else of a malformed body is recorded. */
function safeTenant(value: unknown): string | undefined {
  try {
    return readOptionalTenantId(value, 'tenant');
  } catch {
    return undefined;
  }
}
