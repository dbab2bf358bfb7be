/**
 * The event ids the luigi backend records through Backstage's auditor service (`coreServices.auditor`,
 * plugin `luigi`). Each event has the actor from the request's credentials (none for a request
 * without valid ones, which is recorded too), and in `meta` the fields the audit table of
 * docs/audit.md lists, each bounded and printable; never a token or any part of one. Every event is at least
 * medium: Backstage's default auditor settings log medium at `info` (and low at `debug`, which the
 * default log level hides), so every opening, refusal, tenant entry and decision is in the backend's
 * log without any setting.
 * @public
 */
export const LUIGI_AUDIT_EVENTS = {
  /** A micro app token asked for to open a micro app: issued (success) or refused (failure). Medium. */
  microAppOpen: 'micro-app-open',
  /**
   * A micro app token asked for to renew one of an open micro app: issued or refused. Medium, as an
   * opening: the browser says which purpose, so it may not lower the severity.
   */
  tokenRefresh: 'token-refresh',
  /** The user entering (or switching to) a tenant: allowed or refused. Medium. */
  tenantEnter: 'tenant-enter',
  /**
   * Access decisions for the navigation: which micro apps the user is shown, which refused and why,
   * or a request refused before deciding. Medium.
   */
  accessDecide: 'access-decide',
  /**
   * The permission policy lets everybody open every micro app: the permission backend's allow-all
   * policy module is installed (found at startup, `signal: allow-all-module`), or the policy allowed a
   * user who belongs to no group unconditionally (`signal: unconditional-allow-without-group`, with
   * `user`). High. Recorded also when `luigi.access.policyAllowsEveryoneOnPurpose` silences the warning.
   */
  policyOpenToEveryone: 'policy-open-to-everyone',
  /**
   * A user asking for access to a micro app: recorded (pending), granted at once by an automatic
   * approval rule (`automatic` names it), or refused (already allowed, unknown or hidden app, a
   * duration beyond the bound, a request already open). Medium.
   */
  accessRequest: 'access-request',
  /** An owner or admin approving or denying an access request, or being refused that. Medium. */
  accessRequestDecide: 'access-request-decide',
  /** An owner or admin ending an access grant early, or being refused that. Medium. */
  accessGrantRevoke: 'access-grant-revoke',
  /**
   * An access grant that ended by itself at its hour, recorded once (by whichever replica notices
   * first, within a minute of the end), with the backend as the actor. Medium.
   */
  accessGrantExpire: 'access-grant-expire',
} as const;

/**
 * Why a micro app token is asked for (`purpose` of `POST /api/luigi/tokens`, default `open`): as the
 * browser says; the actor and the decision are the server's.
 * @public
 */
export type LuigiTokenPurpose = 'open' | 'refresh';
