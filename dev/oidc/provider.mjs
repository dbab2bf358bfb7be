/**
 * A real OpenID Connect provider for the dev portal and the browser tests,
 * built on `oidc-provider` (v9) and served on loopback over plain http.
 *
 * Run it directly with `node dev/oidc/provider.mjs` (port from `OIDC_PORT`,
 * default 7300; `0` picks a free one, and the first line printed names the
 * issuer), or start it from code with {@link startOidcProvider}. Further
 * environment when run directly: `OIDC_ACCESS_TOKEN_TTL`, `OIDC_ID_TOKEN_TTL`,
 * `OIDC_REFRESH_TOKEN_REUSE_GRACE` (seconds) and `OIDC_EXCHANGE_CLIENT_SECRET`.
 *
 * Everything lives in memory: signing keys, cookie keys, sessions, grants and
 * tokens are created at start and gone when the process stops.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

import Provider, { errors } from 'oidc-provider';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';

import { findUser, users } from './users.mjs';

/** OAuth 2.0 Token Exchange (RFC 8693): the grant and the token type names it uses. */
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';

/** Parameters of the token exchange grant (RFC 8693 section 2.1). */
const TOKEN_EXCHANGE_PARAMETERS = [
  'subject_token',
  'subject_token_type',
  'actor_token',
  'actor_token_type',
  'requested_token_type',
  'audience',
  'resource',
  'scope',
];

/** The confidential client's secret when none is given; accepted on loopback only. */
const DEV_EXCHANGE_CLIENT_SECRET = 'luigi-backend-dev-secret';

/** Scopes the provider knows; `groups` is our own, the rest are standard. */
const SCOPES = ['openid', 'offline_access', 'profile', 'email', 'groups'];

/** Which claims each scope releases (ID token, userinfo). */
const CLAIMS = {
  openid: ['sub'],
  profile: ['name'],
  email: ['email', 'email_verified'],
  groups: ['groups'],
};

/** Scopes a micro app may see in the access token's `scope` claim. */
const RESOURCE_SCOPE = 'openid profile email groups';

const REFRESH_TOKEN_TTL = 24 * 60 * 60;
/**
 * Seconds a rotated-out refresh token is still honoured. A browser drops the answer to a refresh
 * that is under way when the page reloads or closes, and with it the cookie carrying the new
 * refresh token; the next page sends the old one again. Identity providers that rotate refresh
 * tokens allow such a reuse for a short while (Okta's grace period, Auth0's reuse interval);
 * oidc-provider has no such setting and takes any reuse for theft, revoking the whole grant.
 */
const REFRESH_TOKEN_REUSE_GRACE = 60;
const SESSION_TTL = 24 * 60 * 60;
const INTERACTION_TTL = 10 * 60;

/**
 * @typedef {object} OidcProviderOptions
 * @property {number} [port=7300]          TCP port; 0 picks a free one
 * @property {string} [host='127.0.0.1']   address to listen on (keep it loopback)
 * @property {string} [issuer]             issuer URL, default `http://localhost:<real port>`;
 *   an origin only, the provider is served at the root path
 * @property {number} [accessTokenTtl=60]  access token lifetime in seconds
 * @property {number} [idTokenTtl=60]      ID token lifetime in seconds
 * @property {string[]} [redirectUris]     redirect URIs of the dev portal client (default: the
 *   handler of the dev portal's Backstage auth backend)
 * @property {string} [clientId='backstage-dev-portal'] public client id
 * @property {string} [audience='luigi-micro-apps']     `aud` of the access tokens
 * @property {string} [exchangeClientId='luigi-backend'] confidential client allowed the token
 *   exchange grant (RFC 8693), authenticating with HTTP Basic (`client_secret_basic`)
 * @property {string} [exchangeClientSecret] that client's secret; default
 *   `luigi-backend-dev-secret`, which is refused unless `host` is a loopback address
 * @property {Array<string | RegExp>} [exchangeAudiences] audiences a token may be exchanged for
 *   (exact strings or patterns); default every `component:` entity ref and every `https://` URL on
 *   a loopback host
 * @property {number} [exchangeTokenTtl=60] lifetime in seconds of an exchanged token, never
 *   beyond the expiry of its subject token
 * @property {number} [refreshTokenReuseGrace=60] seconds a rotated-out refresh token is still
 *   honoured (it rotates again); a later reuse is refused and revokes the grant. 0: never honoured
 */

/**
 * @typedef {object} RunningOidcProvider
 * @property {string} issuer      issuer identifier (no trailing slash by default)
 * @property {string} jwksUri     where micro apps fetch the public signing keys
 * @property {number} port        port actually listened on
 * @property {string} clientId    the public client's id
 * @property {string} audience    `aud` of the access tokens
 * @property {string} resource    resource indicator that maps to `audience`
 * @property {string} tokenEndpoint the token endpoint (also where the token exchange grant is served)
 * @property {string} exchangeClientId     the confidential client allowed the token exchange
 * @property {string} exchangeClientSecret its secret (HTTP Basic client authentication)
 * @property {import('oidc-provider').default} provider the oidc-provider instance
 * @property {() => Promise<void>} close stops the server and drops all state
 */

/**
 * Starts the dev OpenID Connect provider.
 *
 * One public client (PKCE S256, no secret), the users from `users.mjs`,
 * JWT access tokens for `audience`, refresh tokens, revocation and
 * RP-initiated logout. Login is a small HTML page with one button per user;
 * consent is granted automatically.
 *
 * Token exchange (RFC 8693): the confidential client `exchangeClientId`
 * (default `luigi-backend`, secret `exchangeClientSecret`, default
 * `luigi-backend-dev-secret` on loopback) may post
 * `grant_type=urn:ietf:params:oauth:grant-type:token-exchange` to the token
 * endpoint with a `subject_token` this provider issued (a JWT access token or
 * an ID token, named by `subject_token_type`) and one `audience` or
 * `resource` from `exchangeAudiences`; it receives a JWT access token for
 * that audience with the subject's `sub`, `act: { sub: <client id> }` and at
 * most the subject's scopes.
 *
 * @param {OidcProviderOptions} [options]
 * @returns {Promise<RunningOidcProvider>}
 */
export async function startOidcProvider({
  port = 7300,
  host = '127.0.0.1',
  issuer,
  accessTokenTtl = 60,
  idTokenTtl = 60,
  redirectUris = ['http://localhost:7007/api/auth/oidc/handler/frame'],
  clientId = 'backstage-dev-portal',
  audience = 'luigi-micro-apps',
  exchangeClientId = 'luigi-backend',
  exchangeClientSecret,
  exchangeAudiences,
  exchangeTokenTtl = 60,
  refreshTokenReuseGrace = REFRESH_TOKEN_REUSE_GRACE,
} = {}) {
  // A well-known secret is fine for a provider only this machine can reach, nowhere else.
  if (exchangeClientSecret === undefined && !isLoopbackHost(host)) {
    throw new Error(`exchangeClientSecret is required when listening on ${host}, which is not a loopback address`);
  }
  const exchangeSecret = exchangeClientSecret ?? DEV_EXCHANGE_CLIENT_SECRET;

  // Listen first: with port 0 the issuer can only be derived once the OS
  // has picked the port, and the Provider needs the issuer up front.
  let handle = (req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handle(req, res));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const realPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const issuerUrl = issuer ?? `http://localhost:${realPort}`;

  try {
    const { provider, resource, userinfo } = await createProvider({
      issuer: issuerUrl,
      accessTokenTtl,
      idTokenTtl,
      refreshTokenReuseGrace,
      redirectUris,
      clientId,
      audience,
      exchange: {
        clientId: exchangeClientId,
        clientSecret: exchangeSecret,
        allowsAudience: audienceRule(exchangeAudiences),
        tokenTtl: exchangeTokenTtl,
      },
    });
    const callback = provider.callback();
    handle = (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/interaction' || path.startsWith('/interaction/')) {
        handleInteraction(provider, path, req, res).catch((err) => {
          if (res.headersSent) res.destroy(err);
          else sendHtml(res, 500, page('Error', `<p>${esc(err.message)}</p>`));
        });
        return;
      }
      if (path === USERINFO_PATH && req.method === 'GET') {
        userinfo(req, res).then(
          (handled) => handled || callback(req, res),
          (err) => res.destroy(err),
        );
        return;
      }
      callback(req, res);
    };

    return {
      issuer: issuerUrl,
      jwksUri: new URL(provider.pathFor('jwks'), issuerUrl).href,
      port: realPort,
      clientId,
      audience,
      resource,
      tokenEndpoint: new URL(provider.pathFor('token'), issuerUrl).href,
      exchangeClientId,
      exchangeClientSecret: exchangeSecret,
      provider,
      close: () => closeServer(server),
    };
  } catch (err) {
    await closeServer(server);
    throw err;
  }
}

/**
 * Builds the oidc-provider instance (no I/O besides key generation).
 *
 * @param {{ issuer: string, accessTokenTtl: number, idTokenTtl: number, refreshTokenReuseGrace: number,
 *   redirectUris: string[], clientId: string, audience: string, exchange: ExchangeSettings }} options
 */
async function createProvider({
  issuer, accessTokenTtl, idTokenTtl, refreshTokenReuseGrace, redirectUris, clientId, audience, exchange,
}) {
  // Fresh keys per start, never on disk: a restart invalidates old tokens,
  // which is what a dev/test provider should do.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: `dev-${randomBytes(8).toString('hex')}`,
    alg: 'RS256',
    use: 'sig',
  };

  // Resource indicators must be absolute URIs, a bare audience such as
  // 'luigi-micro-apps' is not; map it to a URN and keep `aud` as given.
  const resource = URL.canParse(audience) ? audience : `urn:${audience}`;

  const origins = [...new Set(redirectUris.map((uri) => new URL(uri).origin))];

  // Claims an exchanged access token carries beyond the usual ones, by token
  // instance: set by the grant, read back by extraTokenClaims while it signs.
  const exchangeClaims = new WeakMap();

  const provider = new Provider(issuer, {
    adapter: createMemoryAdapter({ refreshTokenReuseGrace }),
    clients: [
      {
        client_id: clientId,
        client_name: 'Backstage dev portal',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: origins.map((origin) => `${origin}/`),
      },
      {
        // The luigi backend: no browser, no redirects, only the token exchange.
        client_id: exchange.clientId,
        client_secret: exchange.clientSecret,
        client_name: 'Luigi backend (token exchange)',
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: [TOKEN_EXCHANGE],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: [signingKey] },
    // Signed cookies need keys; random per start is fine for a dev server.
    // `secure` is left to oidc-provider, which only sets it on https requests,
    // so the cookies work on http://localhost.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: SCOPES,
    claims: CLAIMS,
    // Default (true) keeps profile/email/groups out of the ID token whenever
    // an access token is issued too, expecting userinfo to deliver them; the
    // portal reads them from the ID token instead.
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => {
      const user = findUser(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        // oidc-provider filters these by granted scope/claims.
        claims: async () => ({
          sub: user.sub,
          name: user.name,
          email: user.email,
          email_verified: true,
          groups: [...user.groups],
        }),
      };
    },
    // Micro apps authorize on groups, so put them in the JWT access token;
    // an exchanged token also names who acts for the user (`act`).
    extraTokenClaims: async (_ctx, token) => {
      const user = token.accountId ? findUser(token.accountId) : undefined;
      const exchanged = exchangeClaims.get(token);
      if (!user && !exchanged) return undefined;
      return { ...(user ? { groups: [...user.groups] } : undefined), ...exchanged };
    },
    // Browser apps call token/userinfo/revocation cross-origin: allow the
    // origins of the client's own redirect URIs, nothing else.
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris
      .some((uri) => URL.parse(uri)?.origin === origin),
    pkce: { required: () => true },
    // Issue refresh tokens to any client allowed the grant, even if
    // offline_access was dropped (oidc-provider drops it when `prompt` is
    // sent without `consent`); rotation for public clients stays on, with a
    // grace for reuse (see createMemoryAdapter).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    features: {
      // Our own interaction routes replace the built-in dev ones.
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource,
        postLogoutSuccessSource,
      },
      resourceIndicators: {
        enabled: true,
        // No `resource` in the request: use the micro apps' one, so the
        // browser app needs no extra parameter to get a JWT access token.
        defaultResource: async () => resource,
        // Without this, a code/refresh grant with the `openid` scope and no
        // `resource` parameter yields an opaque userinfo-only access token.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== resource) {
            throw new errors.InvalidTarget();
          }
          return {
            scope: RESOURCE_SCOPE,
            audience,
            accessTokenTTL: accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: idTokenTtl,
      // A rotated refresh token of a public client keeps the remaining
      // lifetime of its predecessor instead of extending the chain forever.
      RefreshToken: (ctx) => ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL
        ?? REFRESH_TOKEN_TTL,
      Interaction: INTERACTION_TTL,
      Session: SESSION_TTL,
      Grant: REFRESH_TOKEN_TTL,
    },
    renderError,
  });

  const publicKeys = createLocalJWKSet({
    keys: [{ kty: signingKey.kty, n: signingKey.n, e: signingKey.e, kid: signingKey.kid, alg: 'RS256' }],
  });
  provider.registerGrantType(
    TOKEN_EXCHANGE,
    tokenExchangeHandler({ issuer, publicKeys, clientIds: [clientId], exchange, exchangeClaims }),
    TOKEN_EXCHANGE_PARAMETERS,
  );
  return { provider, resource, userinfo: createUserinfo({ issuer, audience, publicKeys }) };
}

/**
 * @typedef {object} ExchangeSettings
 * @property {string} clientId      the client allowed the grant
 * @property {string} clientSecret  its secret
 * @property {(audience: string) => boolean} allowsAudience which audiences it may ask for
 * @property {number} tokenTtl      lifetime of an exchanged token, seconds
 */

/**
 * The token exchange grant (RFC 8693 section 2). oidc-provider has already
 * authenticated the client (`ctx.oidc.client`), checked that it may use the
 * grant and dropped parameters the grant does not declare. What is left: the
 * subject token must be one this provider issued, of the type named, still
 * valid, for a known user; the target one allowed audience; the scopes at
 * most the subject's. The answer is a JWT access token for that audience.
 *
 * @param {{ issuer: string, publicKeys: ReturnType<typeof createLocalJWKSet>,
 *   clientIds: string[], exchange: ExchangeSettings, exchangeClaims: WeakMap<object, object> }} options
 */
function tokenExchangeHandler({ issuer, publicKeys, clientIds, exchange, exchangeClaims }) {
  return async function tokenExchange(ctx) {
    const { params, client, provider } = ctx.oidc;
    if (!params.subject_token) throw new errors.InvalidRequest('missing required parameter \'subject_token\'');
    if (!params.subject_token_type) {
      throw new errors.InvalidRequest('missing required parameter \'subject_token_type\'');
    }
    if (![ACCESS_TOKEN_TYPE, ID_TOKEN_TYPE].includes(params.subject_token_type)) {
      throw new errors.InvalidRequest('unsupported subject_token_type');
    }
    if (params.actor_token || params.actor_token_type) {
      throw new errors.InvalidRequest('actor tokens are not supported');
    }
    if (params.requested_token_type && params.requested_token_type !== ACCESS_TOKEN_TYPE) {
      throw new errors.InvalidRequest('only access tokens can be requested');
    }
    if (params.audience && params.resource) {
      throw new errors.InvalidTarget('name the target by audience or by resource, not both');
    }
    const target = params.audience ?? params.resource;
    if (!target) throw new errors.InvalidRequest('missing required parameter \'audience\' or \'resource\'');
    if (!exchange.allowsAudience(target)) {
      throw new errors.InvalidTarget('tokens for this audience are not issued by exchange');
    }

    const subject = await verifySubjectToken(params.subject_token, params.subject_token_type, {
      issuer, publicKeys, clientIds,
    });
    const scope = exchangedScope(params.scope, subject, params.subject_token_type);

    const now = Math.floor(Date.now() / 1000);
    const token = new provider.AccessToken({
      accountId: subject.sub,
      client,
      gty: TOKEN_EXCHANGE,
      scope: scope || undefined,
      // Short-lived, and never outliving the token it was exchanged for.
      expiresIn: Math.max(1, Math.min(exchange.tokenTtl, subject.exp - now)),
    });
    // Setting a resource server picks the JWT format and sets `aud` to the target.
    token.resourceServer = new provider.ResourceServer(target, {
      audience: target,
      scope: scope ?? '',
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'RS256' } },
    });
    // RFC 8693 section 4.1: the client acts for the subject; a subject that
    // was itself delegated keeps its chain as the nested actor.
    exchangeClaims.set(token, {
      act: { sub: client.clientId, ...(isObject(subject.act) ? { act: subject.act } : undefined) },
    });
    ctx.oidc.entity('AccessToken', token);
    const value = await token.save();

    ctx.body = {
      access_token: value,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: token.expiration,
      ...(scope ? { scope } : undefined),
    };
  };
}

/**
 * The subject token's claims, if this provider signed it, it has not expired,
 * it is of the type the request names and its user exists. An access token
 * carries `typ: at+jwt`; an ID token does not, and is for one of our clients.
 */
async function verifySubjectToken(token, type, { issuer, publicKeys, clientIds }) {
  const refuse = (description) => Object.assign(new errors.InvalidGrant(), { error_description: description });
  let verified;
  try {
    verified = await jwtVerify(token, publicKeys, { issuer, algorithms: ['RS256'] });
  } catch {
    throw refuse('subject_token is invalid, expired, or not issued by this provider');
  }
  const { payload, protectedHeader } = verified;
  const isAccessToken = protectedHeader.typ === 'at+jwt';
  if (type === ACCESS_TOKEN_TYPE && !isAccessToken) throw refuse('subject_token is not an access token');
  if (type === ID_TOKEN_TYPE) {
    const audiences = [payload.aud].flat();
    if (isAccessToken || !audiences.some((aud) => clientIds.includes(aud))) {
      throw refuse('subject_token is not an ID token');
    }
  }
  if (typeof payload.sub !== 'string' || !findUser(payload.sub) || typeof payload.exp !== 'number') {
    throw refuse('subject_token names no known user');
  }
  return payload;
}

/**
 * The scopes of the exchanged token: those asked for, each one the subject
 * already had (an exchange never widens access); all of the subject's when
 * none are asked for. An ID token carries no scopes: it stands for the scopes
 * the portal signs in with.
 */
function exchangedScope(requested, subject, type) {
  const subjectScope = type === ID_TOKEN_TYPE ? RESOURCE_SCOPE : String(subject.scope ?? '');
  const granted = new Set(subjectScope.split(' ').filter(Boolean));
  if (!requested) return [...granted].join(' ') || undefined;
  const asked = requested.split(' ').filter(Boolean);
  const extra = asked.filter((scope) => !granted.has(scope));
  if (extra.length > 0) throw new errors.InvalidScope('requested scope exceeds the subject token\'s', extra.join(' '));
  return asked.join(' ');
}

/**
 * Which audiences the exchange serves: the given strings and patterns, or
 * by default every `component:` entity ref and every https URL on loopback.
 *
 * @param {Array<string | RegExp> | undefined} allowed
 * @returns {(audience: string) => boolean}
 */
function audienceRule(allowed) {
  if (allowed) {
    return (audience) => allowed.some((rule) => (typeof rule === 'string' ? rule === audience : rule.test(audience)));
  }
  return (audience) => {
    if (/^component:[^\s/:]+\/[^\s/:]+$/.test(audience)) return true;
    const url = URL.parse(audience);
    return url?.protocol === 'https:' && isLoopbackHost(url.hostname);
  };
}

/** True for localhost, 127.0.0.0/8 and ::1 (bracketed or not). */
function isLoopbackHost(host) {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * oidc-provider's storage, in memory and per provider (the built-in one is shared by every provider
 * in the process and keeps about a thousand entries, dropping idle grants and sessions first).
 * A refresh token rotated out less than `refreshTokenReuseGrace` seconds ago reads as not yet
 * consumed, so its reuse is answered (and rotates again) instead of being taken for theft; the
 * grace runs from its first use, a reuse does not extend it.
 *
 * @param {{ refreshTokenReuseGrace: number }} options
 * @returns {(model: string) => object} the `adapter` option: one adapter per model name
 */
function createMemoryAdapter({ refreshTokenReuseGrace }) {
  /** @type {Map<string, { payload: Record<string, any>, expiresAt: number }>} by `<model>:<id>` */
  const entries = new Map();
  /** @type {Map<string, Set<string>>} grant id -> keys of the entries of that grant */
  const grants = new Map();
  /** @type {Map<string, string>} `uid:<session uid>` or `userCode:<user code>` -> key of the entry */
  const lookups = new Map();
  const epoch = () => Math.floor(Date.now() / 1000);
  let writes = 0;

  const remove = (key) => {
    const payload = entries.get(key)?.payload;
    entries.delete(key);
    if (!payload) return;
    const members = payload.grantId ? grants.get(payload.grantId) : undefined;
    members?.delete(key);
    if (members?.size === 0) grants.delete(payload.grantId);
    for (const lookup of [`uid:${payload.uid}`, `userCode:${payload.userCode}`]) {
      if (lookups.get(lookup) === key) lookups.delete(lookup);
    }
  };
  const get = (key) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      remove(key);
      return undefined;
    }
    return entry?.payload;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [key, { expiresAt }] of entries) if (expiresAt <= now) remove(key);
  };

  return (model) => {
    const key = (id) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        if (++writes % 500 === 0) sweep();
        remove(key(id));
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity;
        entries.set(key(id), { payload, expiresAt });
        if (payload.grantId) {
          if (!grants.has(payload.grantId)) grants.set(payload.grantId, new Set());
          grants.get(payload.grantId).add(key(id));
        }
        if (model === 'Session' && payload.uid) lookups.set(`uid:${payload.uid}`, key(id));
        if (payload.userCode) lookups.set(`userCode:${payload.userCode}`, key(id));
      },
      async find(id) {
        const payload = get(key(id));
        if (model === 'RefreshToken' && payload?.consumed
          && epoch() - payload.consumed < refreshTokenReuseGrace) {
          return { ...payload, consumed: undefined };
        }
        return payload;
      },
      async findByUid(uid) {
        const found = lookups.get(`uid:${uid}`);
        return found ? get(found) : undefined;
      },
      async findByUserCode(userCode) {
        const found = lookups.get(`userCode:${userCode}`);
        return found ? get(found) : undefined;
      },
      async consume(id) {
        const payload = get(key(id));
        if (payload && !payload.consumed) payload.consumed = epoch();
      },
      async destroy(id) {
        remove(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const member of [...(grants.get(grantId) ?? [])]) remove(member);
      },
    };
  };
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The userinfo endpoint's path (oidc-provider's default route). */
const USERINFO_PATH = '/me';

/**
 * Userinfo that also accepts the JWT access tokens issued for the micro apps' audience, as Keycloak
 * and Auth0 do. oidc-provider answers only tokens without an audience there, but Backstage's OIDC
 * authenticator reads the profile from userinfo with the access token it received. Resolves false,
 * having answered nothing, for any other request: oidc-provider answers those.
 */
function createUserinfo({ issuer, audience, publicKeys }) {
  return async (req, res) => {
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const payload = token
      ? await jwtVerify(token, publicKeys, { issuer, audience }).then((r) => r.payload, () => undefined)
      : undefined;
    if (!payload) return false;
    const user = typeof payload.sub === 'string' ? findUser(payload.sub) : undefined;
    const scopes = new Set(String(payload.scope ?? '').split(' '));
    res.setHeader('Cache-Control', 'no-store');
    if (!user || !scopes.has('openid')) {
      res.statusCode = 401;
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      res.end();
      return true;
    }
    const claims = { sub: user.sub };
    if (scopes.has('profile')) claims.name = user.name;
    if (scopes.has('email')) Object.assign(claims, { email: user.email, email_verified: true });
    if (scopes.has('groups')) claims.groups = [...user.groups];
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(claims));
    return true;
  };
}

/**
 * Interaction routes: `GET /interaction/:uid` (login page or auto consent),
 * `POST /interaction/:uid/login`, `POST /interaction/:uid/abort`.
 *
 * @param {import('oidc-provider').default} provider
 * @param {string} path
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function handleInteraction(provider, path, req, res) {
  const [, , uid, action] = path.split('/');
  if (!uid) {
    sendHtml(res, 404, page('Not found', '<p>Unknown interaction.</p>'));
    return;
  }

  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    // Expired or cookie-less interaction (e.g. the page was reloaded after
    // the provider restarted): tell the user to start over.
    sendHtml(res, 400, page('Sign-in expired', `<p>${esc(err.message)}</p>
      <p>Go back to the application and sign in again.</p>`));
    return;
  }
  if (details.uid !== uid) {
    sendHtml(res, 400, page('Error', '<p>Interaction mismatch.</p>'));
    return;
  }

  if (req.method === 'GET' && action === undefined) {
    if (details.prompt.name === 'login') {
      sendHtml(res, 200, loginPage(details));
      return;
    }
    if (details.prompt.name === 'consent') {
      await grantConsent(provider, details, req, res);
      return;
    }
    sendHtml(res, 400, page('Error', `<p>Unsupported prompt ${esc(details.prompt.name)}.</p>`));
    return;
  }

  if (req.method === 'POST' && action === 'login') {
    const form = new URLSearchParams(await readBody(req));
    const user = findUser(form.get('user') ?? '');
    if (details.prompt.name !== 'login' || !user) {
      sendHtml(res, 400, loginPage(details, 'Pick one of the listed users.'));
      return;
    }
    await provider.interactionFinished(req, res, {
      login: { accountId: user.sub },
    }, { mergeWithLastSubmission: false });
    return;
  }

  if (req.method === 'POST' && action === 'abort') {
    await readBody(req);
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'End-User aborted interaction',
    }, { mergeWithLastSubmission: false });
    return;
  }

  res.setHeader('Allow', 'GET, POST');
  sendHtml(res, 405, page('Error', '<p>Method not allowed.</p>'));
}

/**
 * Grants everything the request asked for: first-party dev client, so no
 * consent screen. Follows the pattern from the oidc-provider docs.
 */
async function grantConsent(provider, details, req, res) {
  const { prompt: { details: missing }, params, session, grantId } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });

  if (missing.missingOIDCScope) {
    grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  }
  if (missing.missingOIDCClaims) {
    grant.addOIDCClaims(missing.missingOIDCClaims);
  }
  if (missing.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes)) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
  }
  const savedId = await grant.save();

  // Only a new grant's id goes in the result; an existing one is updated in place.
  await provider.interactionFinished(req, res, {
    consent: grantId ? {} : { grantId: savedId },
  }, { mergeWithLastSubmission: true });
}

/** Login page: one submit button per user, `#login-<username>`. */
function loginPage(details, error) {
  const { uid, params } = details;
  const hint = typeof params.login_hint === 'string' ? params.login_hint : undefined;
  const buttons = users.map((user) => `
      <li><button type="submit" name="user" value="${esc(user.sub)}" id="login-${esc(user.sub)}"${user.sub === hint ? ' autofocus class="hinted"' : ''}>
        <strong>${esc(user.name)}</strong> <code>${esc(user.sub)}</code>
        <small>${esc(user.groups.join(', '))}</small>
      </button></li>`).join('');
  return page('Sign in', `
    <h1>Sign in to ${esc(String(params.client_id))}</h1>
    ${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
    <p>Dev identity provider: pick a user.</p>
    <form method="post" action="/interaction/${esc(uid)}/login">
      <ul>${buttons}</ul>
    </form>
    <form method="post" action="/interaction/${esc(uid)}/abort">
      <button type="submit" id="login-cancel">Cancel</button>
    </form>`);
}

/**
 * RP-initiated logout: v9 shows a "do you want to sign out?" form by
 * default; submit it right away (with `logout=yes`, i.e. end the whole
 * session) so the portal's logout is one redirect round trip. The button is
 * a fallback when scripts are off.
 */
async function logoutSource(ctx, form) {
  const autoForm = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  ctx.type = 'html';
  ctx.body = page('Signing out', `
    <h1>Signing out…</h1>
    ${autoForm}
    <button type="submit" form="op.logoutForm" id="logout-confirm">Sign out</button>
    <script>document.getElementById('op.logoutForm').submit();</script>`);
}

/** Shown after logout when no post_logout_redirect_uri was given. */
async function postLogoutSuccessSource(ctx) {
  ctx.type = 'html';
  ctx.body = page('Signed out', '<h1>Signed out</h1><p>You can close this window.</p>');
}

/** Error page without the default's external font import (no network here). */
async function renderError(ctx, out) {
  ctx.type = 'html';
  ctx.body = page('Error', `<h1>${esc(out.error)}</h1>
    ${out.error_description ? `<p>${esc(out.error_description)}</p>` : ''}`);
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)} · dev OIDC</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
    ul { list-style: none; padding: 0; }
    li { margin: 0 0 .5rem; }
    button { width: 100%; padding: .6rem; text-align: left; cursor: pointer; }
    button.hinted { outline: 2px solid #1f5493; }
    small { display: block; color: #555; }
    .error { color: #b00020; }
  </style>
</head>
<body>${body}
</body>
</html>`;
}

function sendHtml(res, status, html) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

function esc(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readBody(req, limit = 16 * 1024) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error('request body too large');
  }
  return body;
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets (browsers, fetch) would hold close() open.
    server.closeAllConnections();
  });
}

// `node dev/oidc/provider.mjs`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const env = (name) => {
    const value = process.env[name];
    if (value === undefined || value === '') return undefined;
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < 0) throw new Error(`${name} must be a whole number, got ${value}`);
    return number;
  };
  const running = await startOidcProvider({
    port: env('OIDC_PORT'),
    accessTokenTtl: env('OIDC_ACCESS_TOKEN_TTL'),
    idTokenTtl: env('OIDC_ID_TOKEN_TTL'),
    exchangeClientSecret: process.env.OIDC_EXCHANGE_CLIENT_SECRET || undefined,
    refreshTokenReuseGrace: env('OIDC_REFRESH_TOKEN_REUSE_GRACE'),
  });
  // The first line names the issuer: whoever starts this with OIDC_PORT=0 reads the port from it.
  console.log(`OIDC provider: ${running.issuer}`);
  console.log(`  discovery: ${running.issuer}/.well-known/openid-configuration`);
  console.log(`  jwks:      ${running.jwksUri}`);
  console.log(`  client:    ${running.clientId} (public, PKCE S256)`);
  console.log(`  audience:  ${running.audience} (resource ${running.resource})`);
  const secret = process.env.OIDC_EXCHANGE_CLIENT_SECRET
    ? 'secret from OIDC_EXCHANGE_CLIENT_SECRET'
    : `secret ${running.exchangeClientSecret}`;
  console.log(`  exchange:  ${running.exchangeClientId} (confidential, client_secret_basic, ${secret}) `
    + `may exchange user tokens at ${running.tokenEndpoint}`);
  console.log('  users:');
  for (const user of users) {
    console.log(`    ${user.sub.padEnd(8)} ${user.name} <${user.email}> [${user.groups.join(', ')}]`);
  }
  const stop = () => running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
