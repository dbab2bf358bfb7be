/**
 * Sample users of the dev OpenID Connect provider.
 *
 * Kept apart from the provider so the dev portal, browser tests and micro
 * apps can share the same fixtures (e.g. to assert on `groups`).
 *
 * `sub` is the username on purpose: tokens stay readable while debugging.
 */

/**
 * @typedef {object} DevUser
 * @property {string} sub      username, also the OIDC `sub`
 * @property {string} name     display name (`profile` scope)
 * @property {string} email    e-mail address (`email` scope)
 * @property {string[]} groups group memberships (`groups` scope, ID + access token)
 */

/** @type {ReadonlyArray<Readonly<DevUser>>} */
export const users = Object.freeze([
  Object.freeze({
    sub: 'alice',
    name: 'Alice Admin',
    email: 'alice@example.com',
    groups: Object.freeze(['platform-admins', 'team-orders']),
  }),
  Object.freeze({
    sub: 'bob',
    name: 'Bob Billing',
    email: 'bob@example.com',
    groups: Object.freeze(['team-billing']),
  }),
]);

/**
 * Looks a user up by username.
 *
 * @param {string} sub username
 * @returns {Readonly<DevUser> | undefined}
 */
export function findUser(sub) {
  return users.find((user) => user.sub === sub);
}
