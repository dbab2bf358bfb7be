import { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import { ClientPermissionLimits, LUIGI_AUDIT_EVENTS } from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { accessDecideMeta } from '../audit/accessDecideMeta';
import { recordAuditEvent, recordRefusal } from '../audit/recordAuditEvent';
import { guardedCatalog } from '../http/guardedCatalog';
import { jsonBodyReader } from '../http/readJsonBody';
import { readUserRequest } from '../http/readUserRequest';
import { ConfiguredTenant } from '../tenants/configuredTenant';
import { authorizeEnter } from '../tenants/decideTenantEntry';
import { UserScopedReads } from '../cache/userScopedReads';
import { AccessMode } from './accessMode';
import { ApplyConditions } from './applyConditions';
import { authorizeOpen } from './authorizeOpen';
import { AccessDecision, decideAccess } from './decideAccess';
import { readDecisionsRequest } from './decisionsRequest';
import { decideTenantAccess } from './decideTenantAccess';
import { readTenantMembers } from './readTenantMembers';
import { requestAuthorizer } from './requestAuthorizer';

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
  /**
   * Resolves conditional decisions for all of a request's entities at once (see `requestAuthorizer`).
   * Absent: each entity is asked about through `permissions.authorize`, in batches.
   */
  applyConditions?: ApplyConditions;
  /** What may be shared across requests for seconds (see `UserScopedReads`). Absent: nothing. */
  reads?: UserScopedReads;
}

/**
 * The largest decisions request body, in bytes. The frontend asks about 2,000 refs per request
 * (`DECISIONS_PER_REQUEST` in src/access/luigiAccessApi.ts); 2,000 refs of the longest valid form
 * (`MAX_ENTITY_REF_LENGTH`, quoted, with a comma) take 388 KB.
 */
export const DECISIONS_BODY_LIMIT = 512 * 1024;

/**
 * `POST /access/decisions`: which of these entities' micro frontends may the signed-in user open
 * (in the tenant named, with tenants configured)? Asked with the user's own credentials: a service
 * or an anonymous caller gets no answer. One `access-decide` event per request, refusals before the
 * body is read included, of medium severity whether decided, refused or failed, so that Backstage's
 * default auditor settings log every one.
 */
export function createAccessRoutes(options: AccessRoutesOptions): express.Router {
  const { httpAuth, permissions, auditor, accessMode, tenants, allowedOrigins, clientPermissions } = options;
  const router = Router();
  const readBody = jsonBodyReader(DECISIONS_BODY_LIMIT);
  // The catalog's own failures become plain answers (see guardedCatalog).
  const catalog = guardedCatalog(options.catalog);

  router.post('/access/decisions', async (req, res) => {
    const refuse = (error: unknown, meta?: JsonObject) =>
      recordRefusal(auditor, { eventId: LUIGI_AUDIT_EVENTS.accessDecide, request: req, error, meta });
    const { credentials, request } = await readUserRequest(req, res, {
      httpAuth,
      auditor,
      eventId: LUIGI_AUDIT_EVENTS.accessDecide,
      readBody,
      parse: readDecisionsRequest,
    });

    const { entityRefs, tenant } = request;
    // One policy question per permission for the whole request, conditions resolved for all its
    // entities at once; without an applier, the permission backend is asked about each entity.
    const authorizer = options.applyConditions
      ? requestAuthorizer({ permissions, applyConditions: options.applyConditions }, credentials, {
          withTenants: tenants.length > 0,
        })
      : { open: authorizeOpen(permissions, credentials), enter: authorizeEnter(permissions, credentials) };
    const readMembers = readTenantMembers(catalog, credentials);
    let decisions: AccessDecision[];
    try {
      decisions =
        tenants.length === 0
          ? await decideAccess(entityRefs, accessMode, authorizer.open)
          : await decideTenantAccess(entityRefs, tenant, {
              mode: accessMode,
              tenants,
              allowedOrigins,
              clientPermissions,
              readMembers: options.reads ? options.reads.tenantMembers(readMembers, credentials) : readMembers,
              authorizeEnter: authorizer.enter,
              authorizeOpen: authorizer.open,
            });
    } catch (error) {
      throw await refuse(error, tenant === undefined ? {} : { tenant });
    }
    // Medium, as refusals: Backstage's default auditor logs low at debug, which its default log level hides.
    await recordAuditEvent(auditor, {
      eventId: LUIGI_AUDIT_EVENTS.accessDecide,
      severityLevel: 'medium',
      request: req,
      meta: accessDecideMeta(tenant, decisions),
    });
    res.json({ mode: accessMode, decisions });
  });

  return router;
}
