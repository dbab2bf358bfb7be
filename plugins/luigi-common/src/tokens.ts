/**
 * The names of the claims of a micro app token, for code that reads them.
 * `ent` and `app` are the plugin's own; the others are the registered JWT claims.
 * @public
 */
export const LUIGI_TOKEN_CLAIMS = {
  /** The luigi backend's external base URL, e.g. `https://backstage.example.com/api/luigi`. */
  issuer: 'iss',
  /** The user's entity ref, e.g. `user:default/alice`. */
  subject: 'sub',
  /** The micro app's audience (its `luigi-project.io/token-audience`, else its entity ref). */
  audience: 'aud',
  /** The user's ownership entity refs (the user and their groups), as the userInfo service gives them. */
  ownershipEntityRefs: 'ent',
  /** The micro app's entity ref, e.g. `component:default/orders`. */
  app: 'app',
  /** Issued at, seconds since the epoch. */
  issuedAt: 'iat',
  /** Expires at, seconds since the epoch. */
  expiresAt: 'exp',
  /** A random id, unique per token. */
  tokenId: 'jti',
  /** The id of the micro app's tenant; only while tenants are configured. */
  tenant: 'tenant',
} as const;

/**
 * The signature algorithm of micro app tokens (the `alg` header); the header also names the key (`kid`)
 * and `typ: 'JWT'`.
 * @public
 */
export const LUIGI_TOKEN_ALGORITHM = 'ES256';

/**
 * The `typ` header of micro app tokens.
 * @public
 */
export const LUIGI_TOKEN_TYPE = 'JWT';

/**
 * Path, under the luigi backend's base URL (`/api/luigi`), of the route that issues micro app tokens
 * (`POST`, body `{ "entityRef": "component:default/orders" }`).
 * @public
 */
export const LUIGI_TOKENS_PATH = '/tokens';

/**
 * Path, under the luigi backend's base URL (`/api/luigi`), of the public keys that verify micro app
 * tokens (a JSON Web Key Set; no credentials needed).
 * @public
 */
export const LUIGI_JWKS_PATH = '/.well-known/jwks.json';

/**
 * The claims of a micro app token. A micro app verifies the signature against the JWKS, `iss`, `aud`
 * (its own audience) and `exp`, then trusts `sub` and `ent`.
 * @public
 */
export interface LuigiMicroAppTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  ent: string[];
  app: string;
  iat: number;
  exp: number;
  jti: string;
  /** Only while tenants are configured: the micro app's tenant. */
  tenant?: string;
}

/**
 * The body of `POST /api/luigi/tokens`.
 * @public
 */
export interface LuigiMicroAppTokenRequest {
  /** The micro app's entity ref. */
  entityRef: string;
  /** With tenants configured: the tenant shown; the backend refuses an entity of another tenant. */
  tenant?: string;
  /** Why the token is asked for, for the audit trail. Default `open`. */
  purpose?: 'open' | 'refresh';
  /**
   * Only with `luigi.tokens.issuedBy: identity-provider`: the user's token from the identity provider
   * (the token source's token), the subject of the token exchange. Never stored or logged.
   */
  subjectToken?: string;
}

/**
 * The body of a `200` answer of `POST /api/luigi/tokens`.
 * @public
 */
export interface LuigiMicroAppToken {
  /** The signed token (a compact JWS). */
  token: string;
  /** When the token expires, in milliseconds since the epoch (its `exp` claim × 1000). */
  expiresAt: number;
  /** The token's audience (`aud`). */
  audience: string;
  /** The micro app's entity ref (`app`), normalized: lower case, full form. */
  entityRef: string;
  /** The micro app's tenant (the token's `tenant` claim); only while tenants are configured. */
  tenant?: string;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Reads a token response, refusing (with an Error) anything that is not one, so a malformed answer
 * is never handed to a micro app as a token. Returns only the known fields.
 * @public
 */
export function parseMicroAppToken(value: unknown): LuigiMicroAppToken {
  const body = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<
    string,
    unknown
  >;
  const { token, expiresAt, audience, entityRef, tenant } = body;
  if (
    typeof token !== 'string' ||
    !COMPACT_JWS.test(token) ||
    typeof expiresAt !== 'number' ||
    !Number.isSafeInteger(expiresAt) ||
    expiresAt <= 0 ||
    !nonEmptyString(audience) ||
    !nonEmptyString(entityRef) ||
    (tenant !== undefined && !nonEmptyString(tenant))
  ) {
    throw new Error('The luigi backend answered the token request with something else');
  }
  return tenant === undefined ? { token, expiresAt, audience, entityRef } : { token, expiresAt, audience, entityRef, tenant };
}
