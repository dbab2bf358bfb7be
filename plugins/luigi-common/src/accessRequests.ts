/**
 * The route of access requests (under `/api/luigi`): `POST` asks for access to one micro app,
 * `GET ?entityRef=` answers the caller's latest request for it, `GET /inbox` the requests the caller
 * may decide.
 * @public
 */
export const LUIGI_ACCESS_REQUESTS_PATH = '/access-requests';

/**
 * The route of access grants (under `/api/luigi`): `GET /active?userEntityRef=` answers a user's
 * grants that have not ended (for permission policies: the user themself or a backend service),
 * `POST /:id/revoke` ends one early (its app's owners and admins).
 * @public
 */
export const LUIGI_ACCESS_GRANTS_PATH = '/access-grants';

/**
 * Where an access request stands: waiting for an owner, approved (a grant was made, see
 * `grant`), or denied (see `decisionNote`).
 * @public
 */
export type LuigiAccessRequestState = 'pending' | 'approved' | 'denied';

/**
 * What a user asks for: access to one micro app's entity, for one of the durations the portal
 * offers (`luigi.accessRequests.durationsMinutes`), with an optional reason for its owners.
 * @public
 */
export interface LuigiAccessRequestInput {
  entityRef: string;
  durationMinutes: number;
  reason?: string;
}

/**
 * A grant of access: one user, one micro app, until `expiresAt` (milliseconds since the epoch),
 * unless revoked before.
 * @public
 */
export interface LuigiAccessGrant {
  id: string;
  userEntityRef: string;
  entityRef: string;
  grantedBy: string;
  grantedAt: number;
  expiresAt: number;
  revokedBy?: string;
  revokedAt?: number;
}

/**
 * An access request as the routes answer it. `decidedBy` is the approver's user ref, or
 * `automatic:<rule>` for a request an automatic approval rule granted.
 * @public
 */
export interface LuigiAccessRequest {
  id: string;
  entityRef: string;
  userEntityRef: string;
  /** The entity's owner when the request was made: the group whose members decide it. */
  ownerRef: string;
  state: LuigiAccessRequestState;
  durationMinutes: number;
  reason?: string;
  createdAt: number;
  decidedBy?: string;
  decidedAt?: number;
  decisionNote?: string;
  grant?: LuigiAccessGrant;
}

/** The longest reason or decision note, in characters. */
export const MAX_ACCESS_REQUEST_TEXT = 500;

/**
 * A duration in whole minutes as people say it: "2 minutes", "1 hour", "8 hours", "1 day", "7 days".
 * @public
 */
export function durationText(minutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes >= 1440 && minutes % 1440 === 0) return unit(minutes / 1440, 'day');
  if (minutes >= 60 && minutes % 60 === 0) return unit(minutes / 60, 'hour');
  return unit(minutes, 'minute');
}
