import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  LUIGI_ACCESS_GRANTS_PATH,
  LUIGI_ACCESS_REQUESTS_PATH,
  LUIGI_AUDIT_EVENTS,
  LuigiAccessRequest,
} from 'backstage-plugin-luigi-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { isUserCredentials, userCredentials } from '../access/userCredentials';
import { auditableError } from '../audit/redactSecrets';
import { refusal, refusalFacts, refusalMeta } from '../audit/refusal';
import { recordRefusal } from '../audit/recordAuditEvent';
import { guardedCatalog } from '../http/guardedCatalog';
import { publicError } from '../http/publicError';
import { validEntityRef } from '../http/readEntityRef';
import { jsonBodyReader } from '../http/readJsonBody';
import { readUserRequest } from '../http/readUserRequest';
import { AccessRequestNotifications } from './accessRequestNotifications';
import { ACCESS_REQUEST_BODY_LIMIT, readAccessRequestDecision, readAccessRequestInput, readRecordId } from './accessRequestInput';
import { mayDecide, ownerOf, readDecider } from './approvers';
import { AccessRequestDeps, createAccessRequest } from './createAccessRequest';

/** What the access request routes need. */
export interface AccessRequestRoutesOptions extends AccessRequestDeps {
  httpAuth: HttpAuthService;
  /** The plugin's bounded auditor. */
  auditor: AuditorService;
  /** Tells owners and requesters. Absent: nobody is told (the portal's panels still show everything). */
  notifications?: AccessRequestNotifications;
}

/**
 * Runs one audited action: the event is created first (so a refusal is recorded too), succeeds with
 * the meta the action returns, or fails with the refusal's reason; the client gets the plugin's answer.
 */
async function audited<T>(
  auditor: AuditorService,
  req: Request,
  eventId: string,
  meta: JsonObject,
  action: () => Promise<{ result: T; meta: JsonObject }>,
): Promise<T> {
  const event = await auditor.createEvent({ eventId, severityLevel: 'medium', request: req, meta });
  try {
    const done = await action();
    await event.success({ meta: done.meta });
    return done.result;
  } catch (error) {
    await event.fail({ error: auditableError(error, []), meta: refusalMeta(refusalFacts(error)) });
    throw publicError(error, []);
  }
}

/** What the audit trail records of a request's outcome. */
function requestMeta(request: LuigiAccessRequest): JsonObject {
  return {
    requestId: request.id,
    entityRef: request.entityRef,
    requester: request.userEntityRef,
    ownerRef: request.ownerRef,
    state: request.state,
    durationMinutes: request.durationMinutes,
    ...(request.grant ? { grantId: request.grant.id, expiresAt: new Date(request.grant.expiresAt).toISOString() } : {}),
  };
}

/**
 * The access request routes (see docs/access.md, "Access requests"): a user asks for one micro app
 * (`POST /access-requests`) and sees where their request stands (`GET /access-requests?entityRef=`);
 * the app's owners and admins list what waits for them and the grants they may end (`GET
 * /access-requests/inbox`) and approve or
 * deny (`POST /access-requests/:id/decision`), which makes a grant that ends by itself; they can end
 * a grant early (`POST /access-grants/:id/revoke`); a policy reads a user's active grants (`GET
 * /access-grants/active`). Asking, deciding and revoking are audited, refusals included.
 */
export function createAccessRequestRoutes(routeOptions: AccessRequestRoutesOptions): express.Router {
  // The catalog's own failures become plain answers (see guardedCatalog).
  const options = { ...routeOptions, catalog: guardedCatalog(routeOptions.catalog) };
  const { httpAuth, auditor, store } = options;
  const router = Router();
  const readBody = jsonBodyReader(ACCESS_REQUEST_BODY_LIMIT);

  router.post(LUIGI_ACCESS_REQUESTS_PATH, async (req, res) => {
    const eventId = LUIGI_AUDIT_EVENTS.accessRequest;
    const { credentials, request: input } = await readUserRequest(req, res, {
      httpAuth,
      auditor,
      eventId,
      readBody,
      parse: readAccessRequestInput,
    });
    const asked = { entityRef: input.entityRef, durationMinutes: input.durationMinutes, ...(input.reason ? { reason: input.reason } : {}) };
    const created = await audited(auditor, req, eventId, asked, async () => {
      const { request, automatic } = await createAccessRequest(options, input, credentials);
      if (!automatic) await options.notifications?.requested(request);
      return { result: request, meta: { ...requestMeta(request), ...(automatic ? { automatic } : {}) } };
    });
    res.status(201).json(created);
  });

  router.get(LUIGI_ACCESS_REQUESTS_PATH, async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    const entityRef = validEntityRef(req.query.entityRef);
    if (!entityRef) throw publicError(refusal(new InputError('entityRef is not an entity ref'), { reason: 'malformed-request' }), []);
    const request = await store.latestRequest(credentials.principal.userEntityRef, entityRef);
    res.json({
      enabled: Boolean(options.config) && options.accessMode === 'permission-framework',
      durationsMinutes: options.config?.durationsMinutes ?? [],
      request: request ?? null,
    });
  });

  router.get(`${LUIGI_ACCESS_REQUESTS_PATH}/inbox`, async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    const decider = await readDecider(options, credentials, credentials.principal.userEntityRef);
    const owners = decider.isAdmin ? undefined : decider.ownershipEntityRefs;
    const [pending, grants] = await Promise.all([store.pendingRequests(owners), store.activeGrantsOfOwners(owners)]);
    const requests = pending.filter(request => mayDecide(decider, request.userEntityRef, request.ownerRef) === 'yes');
    res.json({ admin: decider.isAdmin, requests, grants });
  });

  router.post(`${LUIGI_ACCESS_REQUESTS_PATH}/:id/decision`, async (req, res) => {
    const eventId = LUIGI_AUDIT_EVENTS.accessRequestDecide;
    const { credentials, request: decision } = await readUserRequest(req, res, {
      httpAuth,
      auditor,
      eventId,
      readBody,
      parse: body => ({ id: readRecordId(req.params.id), ...readAccessRequestDecision(body) }),
    });
    const meta = { requestId: decision.id, decision: decision.approve ? 'approve' : 'deny', ...(decision.note ? { note: decision.note } : {}) };
    const decided = await audited(auditor, req, eventId, meta, async () => {
      const request = await store.request(decision.id);
      if (!request) throw new NotFoundError('No such access request');
      // The app's owner now, as the decider may read it: a transfer of ownership moves the decision.
      const entity = await options.catalog.getEntityByRef(request.entityRef, { credentials });
      const decider = await readDecider(options, credentials, credentials.principal.userEntityRef);
      const verdict = mayDecide(decider, request.userEntityRef, entity ? ownerOf(entity) : undefined);
      if (verdict !== 'yes') {
        const message = verdict === 'own-request' ? 'Nobody decides their own access request' : 'Only the owners of the micro app or an admin decide this request';
        throw refusal(new NotAllowedError(message), { reason: verdict });
      }
      const result = await store.decide(decision.id, { approve: decision.approve, decidedBy: decider.userEntityRef, note: decision.note });
      await options.notifications?.decided(result);
      return { result, meta: { ...requestMeta(result), ...(decider.isAdmin ? { asAdmin: true } : {}) } };
    });
    res.json(decided);
  });

  router.get(`${LUIGI_ACCESS_GRANTS_PATH}/active`, async (req, res) => {
    // A user reads their own grants; a backend service (a permission policy) anyone's.
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const asked = req.query.userEntityRef === undefined ? undefined : validEntityRef(req.query.userEntityRef);
    const own = isUserCredentials(credentials) ? credentials.principal.userEntityRef.toLocaleLowerCase('en-US') : undefined;
    if (req.query.userEntityRef !== undefined && !asked) {
      throw publicError(refusal(new InputError('userEntityRef is not an entity ref'), { reason: 'malformed-request' }), []);
    }
    // A service that names no user reads every active grant: the catalog's grant rule mirrors them.
    if (!own && !asked) {
      res.json({ grants: await store.allActiveGrants() });
      return;
    }
    const userEntityRef = (asked ?? own)!;
    if (own && userEntityRef !== own) throw new NotAllowedError('A user reads only their own access grants');
    res.json({ grants: await store.activeGrants(userEntityRef) });
  });

  router.post(`${LUIGI_ACCESS_GRANTS_PATH}/:id/revoke`, async (req, res) => {
    const eventId = LUIGI_AUDIT_EVENTS.accessGrantRevoke;
    let credentials;
    let id;
    try {
      credentials = await userCredentials(httpAuth, req);
      id = readRecordId(req.params.id);
    } catch (error) {
      throw await recordRefusal(auditor, { eventId, request: req, error });
    }
    const revoked = await audited(auditor, req, eventId, { grantId: id }, async () => {
      const grant = await store.grant(id);
      if (!grant) throw new NotFoundError('No such access grant');
      const entity = await options.catalog.getEntityByRef(grant.entityRef, { credentials });
      const decider = await readDecider(options, credentials, credentials.principal.userEntityRef);
      const verdict = mayDecide(decider, grant.userEntityRef, entity ? ownerOf(entity) : undefined);
      if (verdict !== 'yes') {
        throw refusal(new NotAllowedError('Only the owners of the micro app or an admin end this grant'), { reason: 'not-an-approver' });
      }
      const result = await store.revokeGrant(id, decider.userEntityRef);
      return { result, meta: { grantId: id, entityRef: result.entityRef, user: result.userEntityRef } };
    });
    res.json(revoked);
  });

  return router;
}
