/**
 * The event ids the luigi backend records through Backstage's auditor service (`coreServices.auditor`,
 * plugin `luigi`). Each event has the actor from the request's credentials (none for a request
 * without valid ones, which is recorded too), and in `meta` the fields the README's audit table
 * lists, each bounded and printable; never a token or any part of one. Every refusal is at least
 * medium, so Backstage's default auditor settings log it.
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
  /** The user entering (or switching to) a tenant: allowed or refused. Low; refused is medium. */
  tenantEnter: 'tenant-enter',
  /**
   * Access decisions for the navigation: which micro apps the user is shown, which refused and why.
   * Low; failed (refused before deciding) is medium.
   */
  accessDecide: 'access-decide',
} as const;

/**
 * Why a micro app token is asked for (`purpose` of `POST /api/luigi/tokens`, default `open`): as the
 * browser says; the actor and the decision are the server's.
 * @public
 */
export type LuigiTokenPurpose = 'open' | 'refresh';
