import { BackstageCredentials, BackstageUserPrincipal, PermissionsService, UserInfoService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ClientPermissionLimits, hasValidView, LuigiAccessRequest, LuigiAccessRequestInput } from 'backstage-plugin-luigi-common';
import { AccessMode } from '../access/accessMode';
import { ApplyConditions } from '../access/applyConditions';
import { authorizeOpen } from '../access/authorizeOpen';
import { decideAccess } from '../access/decideAccess';
import { requestAuthorizer } from '../access/requestAuthorizer';
import { refusal } from '../audit/refusal';
import { AccessRequestConfig, automaticApprovalFor } from './accessRequestConfig';
import { AccessRequestStore } from './accessRequestStore';
import { ownerOf } from './approvers';

/** What asking for access needs. */
export interface AccessRequestDeps {
  /** `luigi.accessRequests`; undefined: off. */
  config?: AccessRequestConfig;
  store: AccessRequestStore;
  accessMode: AccessMode;
  permissions: PermissionsService;
  applyConditions?: ApplyConditions;
  catalog: CatalogService;
  userInfo: UserInfoService;
  allowedOrigins: ReadonlySet<string>;
  clientPermissions?: ClientPermissionLimits;
}

/** Whether the policy lets the user open this app now (grants included, if the policy honours them). */
async function mayOpen(deps: AccessRequestDeps, credentials: BackstageCredentials, entityRef: string): Promise<boolean> {
  const authorize = deps.applyConditions
    ? requestAuthorizer({ permissions: deps.permissions, applyConditions: deps.applyConditions }, credentials, { withTenants: false }).open
    : authorizeOpen(deps.permissions, credentials);
  const [decision] = await decideAccess([entityRef], deps.accessMode, authorize);
  return decision.result === 'allow';
}

/**
 * Records the signed-in user's request for access to one micro app, refusing (an error marked with
 * its reason for the audit trail) unless: access requests are on and the permission framework
 * decides (403 `access-requests-off`); the duration is one the portal offers (400
 * `duration-not-offered`); the user can read the entity in the catalog and it is a micro app here
 * (404, the same answer for missing and hidden); the policy does not let them open it already (409
 * `already-allowed`); it has an owner to decide (404); and they have no request for it pending (409
 * `request-open`). An automatic approval rule that matches approves it at once.
 */
export async function createAccessRequest(
  deps: AccessRequestDeps,
  input: LuigiAccessRequestInput,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
): Promise<{ request: LuigiAccessRequest; automatic?: string }> {
  const { config } = deps;
  if (!config || deps.accessMode !== 'permission-framework') {
    throw refusal(new NotAllowedError('This portal takes no access requests'), { reason: 'access-requests-off' });
  }
  if (!config.durationsMinutes.includes(input.durationMinutes)) {
    throw refusal(new InputError(`durationMinutes must be one of ${config.durationsMinutes.join(', ')}`), {
      reason: 'duration-not-offered',
    });
  }
  const { entityRef } = input;
  const entity = await deps.catalog.getEntityByRef(entityRef, { credentials });
  // The same answer whether the entity is missing, hidden from this user, or no micro app here.
  const notFound = `No micro app ${entityRef} in the catalog, or you may not read it`;
  if (!entity) throw new NotFoundError(notFound);
  if (!hasValidView(entity.metadata.annotations, deps.allowedOrigins, deps.clientPermissions)) {
    throw refusal(new NotFoundError(notFound), { reason: 'not-a-micro-app' });
  }
  if (await mayOpen(deps, credentials, entityRef)) {
    throw refusal(new ConflictError('You may open this micro app already'), { reason: 'already-allowed' });
  }
  const ownerRef = ownerOf(entity);
  if (!ownerRef) throw refusal(new NotFoundError(`${entityRef} has no owner to ask`), { reason: 'not-found' });

  const userEntityRef = credentials.principal.userEntityRef;
  let request: LuigiAccessRequest;
  try {
    request = await deps.store.createRequest({ userEntityRef, entityRef, ownerRef, durationMinutes: input.durationMinutes, reason: input.reason });
  } catch (error) {
    throw (error as Error)?.name === 'ConflictError' ? refusal(error as Error, { reason: 'request-open' }) : error;
  }
  const info = await deps.userInfo.getUserInfo(credentials);
  const rule = automaticApprovalFor(config.automaticApprovals, {
    requesterOwnershipRefs: info.ownershipEntityRefs,
    ownerRef,
    durationMinutes: input.durationMinutes,
  });
  if (!rule) return { request };
  const approved = await deps.store.decide(request.id, { approve: true, decidedBy: `automatic:${rule.name}` });
  return { request: approved, automatic: rule.name };
}
