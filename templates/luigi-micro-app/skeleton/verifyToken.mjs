// The micro app's check of the token the portal gives it: on every request, in the app's server,
// never in the browser alone. The token comes from the browser, so nothing in it counts before the
// signature, the issuer, the audience, the expiry and the tenant are checked.
import { createRemoteJWKSet, jwtVerify } from 'jose';

/** Where the portal's luigi backend publishes its signing keys, below its issuer. */
const JWKS_PATH = '/.well-known/jwks.json';

/** A request whose token this app does not accept (answered 401). */
export class TokenRefused extends Error {}

/**
 * A verifier for this app's tokens.
 * @param {{ issuer: string, audience: string, tenant?: string }} expected the portal's issuer
 *   (`<backend>/api/luigi`), this app's audience (its entity ref, unless the portal's admin assigned
 *   another) and the tenant it serves (empty: a portal without tenants)
 * @returns {(authorization: string | undefined) => Promise<{ user: string, ownership: string[],
 *   tenant?: string, audience: string, expiresAt: number }>} the user of an `Authorization: Bearer`
 *   header's token; throws TokenRefused
 */
export function createTokenVerifier({ issuer, audience, tenant = '' }) {
  // Fetched once, cached, and fetched again when a token names a key it does not know yet.
  const jwks = createRemoteJWKSet(new URL(`${issuer.replace(/\/+$/, '')}${JWKS_PATH}`));
  return async function userOf(authorization) {
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new TokenRefused('no bearer token');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer, audience, algorithms: ['ES256'], requiredClaims: ['exp'] }));
    } catch (error) {
      throw new TokenRefused(error.code ? `${error.code}: ${error.message}` : String(error.message ?? error));
    }
    // With tenants, every token names one: an app serving one tenant accepts no token of another.
    if ((payload.tenant ?? '') !== tenant) {
      throw new TokenRefused(`the token is for tenant "${payload.tenant ?? ''}", this app serves "${tenant}"`);
    }
    return {
      user: String(payload.sub),
      ownership: Array.isArray(payload.ent) ? payload.ent.map(String) : [],
      ...(payload.tenant === undefined ? {} : { tenant: String(payload.tenant) }),
      audience,
      expiresAt: Number(payload.exp) * 1000,
    };
  };
}
