/**
 * End-to-end test of the dev OpenID Connect provider with plain `fetch`:
 * discovery, a real authorization code + PKCE flow (login page, automatic
 * consent), token verification with jose against the JWKS, refresh token
 * rotation, revocation, CORS, RP-initiated logout and the token exchange
 * grant (RFC 8693) of the luigi backend's confidential client.
 *
 * Run: node --test dev/oidc/provider.test.mjs
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

import { startOidcProvider } from './provider.mjs';

// The dev portal's client is its Backstage backend: the auth backend's OIDC handler.
const APP_ORIGIN = 'http://localhost:7007';
const REDIRECT_URI = `${APP_ORIGIN}/api/auth/oidc/handler/frame`;
const CLIENT_ID = 'backstage-dev-portal';
const AUDIENCE = 'luigi-micro-apps';
const SCOPE = 'openid profile email groups offline_access';
// Distinct from the defaults and from each other, to prove both are honoured.
const ACCESS_TOKEN_TTL = 45;
const ID_TOKEN_TTL = 50;

/** Minimal cookie jar: what a browser would carry between requests. */
class CookieJar {
  /** @type {Map<string, { name: string, value: string, path: string }>} */
  #cookies = new Map();

  store(response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attrs] = header.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = value === '';
      for (const attr of attrs) {
        const [key, val = ''] = attr.split('=');
        if (key.toLowerCase() === 'path') path = val;
        if (key.toLowerCase() === 'expires' && Date.parse(val) <= Date.now()) expired = true;
        if (key.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true;
      }
      const key = `${name}\0${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  header(url) {
    const { pathname } = new URL(url);
    return [...this.#cookies.values()]
      .filter(({ path }) => pathname === path || pathname.startsWith(path.endsWith('/') ? path : `${path}/`))
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
  }
}

/** fetch without following redirects, sending and storing cookies. */
async function browserFetch(jar, url, init = {}) {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

/** Follows provider redirects until one leaves for `stopAt` (the app). */
async function followUntil(jar, response, base, stopAt) {
  for (let hops = 0; hops < 10; hops += 1) {
    assert.ok([302, 303].includes(response.status), `expected a redirect, got ${response.status}: ${await response.text()}`);
    const location = new URL(response.headers.get('location'), base).href;
    if (location.startsWith(stopAt)) return new URL(location);
    response = await browserFetch(jar, location);
  }
  throw new Error('too many redirects');
}

function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** The dev portal's authorization request (code flow) with the given extra parameters. */
function authorizeUrl(config, params = {}) {
  const url = new URL(config.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: SCOPE,
    ...params,
  }).toString();
  return url;
}

/** Signs `user` in through the login page (code + PKCE) and redeems the code: the portal's tokens. */
async function signIn(config, issuer, user) {
  const jar = new CookieJar();
  const { verifier, challenge } = pkcePair();
  let response = await browserFetch(jar, authorizeUrl(config, {
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).href);
  const interactionUrl = new URL(response.headers.get('location'), issuer).href;
  response = await browserFetch(jar, `${interactionUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user }),
  });
  const callback = await followUntil(jar, response, issuer, REDIRECT_URI);
  response = await formPost(config.token_endpoint, {
    grant_type: 'authorization_code',
    code: callback.searchParams.get('code'),
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });
  const tokens = await response.json();
  assert.equal(response.status, 200, JSON.stringify(tokens));
  return tokens;
}

function basic(id, secret) {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

function formPost(url, fields, headers = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
}

describe('dev OIDC provider', () => {
  /** @type {Awaited<ReturnType<typeof startOidcProvider>>} */
  let op;
  let config;
  let jwks;

  before(async () => {
    op = await startOidcProvider({
      port: 0,
      accessTokenTtl: ACCESS_TOKEN_TTL,
      idTokenTtl: ID_TOKEN_TTL,
    });
    jwks = createRemoteJWKSet(new URL(op.jwksUri));
  });

  after(async () => {
    await op?.close();
  });

  it('listens on a real port and derives the issuer from it', () => {
    assert.ok(op.port > 0);
    assert.equal(op.issuer, `http://localhost:${op.port}`);
    assert.equal(op.jwksUri, `${op.issuer}/jwks`);
  });

  it('publishes discovery metadata', async () => {
    const response = await fetch(`${op.issuer}/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    config = await response.json();
    assert.equal(config.issuer, op.issuer);
    assert.equal(config.authorization_endpoint, `${op.issuer}/auth`);
    assert.equal(config.token_endpoint, `${op.issuer}/token`);
    assert.equal(config.jwks_uri, op.jwksUri);
    assert.equal(config.userinfo_endpoint, `${op.issuer}/me`);
    assert.equal(config.end_session_endpoint, `${op.issuer}/session/end`);
    assert.equal(config.revocation_endpoint, `${op.issuer}/token/revocation`);
    assert.deepEqual(config.code_challenge_methods_supported, ['S256']);
    for (const scope of SCOPE.split(' ')) {
      assert.ok(config.scopes_supported.includes(scope), `scope ${scope} supported`);
    }
    assert.ok(config.claims_supported.includes('groups'));
    assert.ok(config.grant_types_supported.includes('refresh_token'));
  });

  it('serves one RS256 signing key with a kid', async () => {
    const { keys } = await (await fetch(op.jwksUri)).json();
    assert.equal(keys.length, 1);
    assert.equal(keys[0].kty, 'RSA');
    assert.equal(keys[0].alg, 'RS256');
    assert.ok(keys[0].kid);
    assert.equal(keys[0].d, undefined, 'no private parts published');
  });

  it('rejects an authorization request without PKCE', async () => {
    const url = authorizeUrl(config);
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location'));
    assert.equal(location.origin + location.pathname, REDIRECT_URI);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
  });

  it('runs authorization code + PKCE, refresh, revocation and logout', async () => {
    const jar = new CookieJar();
    const { verifier, challenge } = pkcePair();
    const state = randomBytes(8).toString('hex');
    const nonce = randomBytes(8).toString('hex');

    // 1. authorize -> redirected to our interaction (login) page
    const authorize = authorizeUrl(config, {
      state,
      nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: 'alice',
    });
    let response = await browserFetch(jar, authorize.href);
    assert.equal(response.status, 303);
    const interactionUrl = new URL(response.headers.get('location'), op.issuer).href;
    assert.match(interactionUrl, /\/interaction\/[\w-]+$/);

    // 2. login page lists the users as buttons
    response = await browserFetch(jar, interactionUrl);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<button[^>]*name="user"[^>]*value="alice"[^>]*id="login-alice"/);
    assert.match(html, /id="login-bob"/);
    const action = html.match(/<form method="post" action="([^"]+\/login)"/)[1];

    // 3. POST login as alice, then follow redirects (consent is automatic)
    response = await browserFetch(jar, new URL(action, op.issuer).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user: 'alice' }),
    });
    const callback = await followUntil(jar, response, op.issuer, REDIRECT_URI);
    assert.equal(callback.searchParams.get('state'), state);
    assert.equal(callback.searchParams.get('iss'), op.issuer);
    const code = callback.searchParams.get('code');
    assert.ok(code, `code in ${callback}`);

    // 4. token exchange as the browser app would (cross-origin, no secret)
    response = await formPost(config.token_endpoint, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    }, { origin: APP_ORIGIN });
    assert.equal(response.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const tokens = await response.json();
    assert.equal(response.status, 200, JSON.stringify(tokens));
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.expires_in, ACCESS_TOKEN_TTL);
    assert.ok(tokens.refresh_token);
    assert.ok(tokens.scope.split(' ').includes('groups'));

    // ID token: for the client, with profile/email/groups claims
    const { payload: idToken } = await jwtVerify(tokens.id_token, jwks, {
      issuer: op.issuer,
      audience: CLIENT_ID,
      algorithms: ['RS256'],
    });
    assert.equal(idToken.sub, 'alice');
    assert.equal(idToken.nonce, nonce);
    assert.equal(idToken.name, 'Alice Admin');
    assert.equal(idToken.email, 'alice@example.com');
    assert.ok(idToken.groups.includes('team-orders'));
    assert.equal(idToken.exp - idToken.iat, ID_TOKEN_TTL);

    // Access token: a JWT for the micro apps, verifiable with the JWKS alone
    const { payload: accessToken, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: op.issuer,
      audience: AUDIENCE,
      algorithms: ['RS256'],
      typ: 'at+jwt',
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.ok(protectedHeader.kid);
    assert.equal(accessToken.aud, AUDIENCE);
    assert.equal(accessToken.sub, 'alice');
    assert.equal(accessToken.client_id, CLIENT_ID);
    assert.deepEqual(accessToken.groups, ['platform-admins', 'team-orders']);
    assert.equal(accessToken.exp - accessToken.iat, ACCESS_TOKEN_TTL);

    // 4b. userinfo answers that access token (as Backstage's OIDC authenticator asks it), and
    // refuses a forged one
    response = await fetch(config.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      sub: 'alice',
      name: 'Alice Admin',
      email: 'alice@example.com',
      email_verified: true,
      groups: ['platform-admins', 'team-orders'],
    });
    const [header, body] = tokens.access_token.split('.');
    const forged = `${header}.${body}.${Buffer.from('not the signature').toString('base64url')}`;
    response = await fetch(config.userinfo_endpoint, { headers: { authorization: `Bearer ${forged}` } });
    assert.equal(response.status, 401);

    // 5. refresh: a NEW access token that verifies too; refresh token rotates
    response = await formPost(config.token_endpoint, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: CLIENT_ID,
    }, { origin: APP_ORIGIN });
    const refreshed = await response.json();
    assert.equal(response.status, 200, JSON.stringify(refreshed));
    assert.notEqual(refreshed.access_token, tokens.access_token);
    assert.ok(refreshed.refresh_token);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
    const { payload: accessToken2 } = await jwtVerify(refreshed.access_token, jwks, {
      issuer: op.issuer,
      audience: AUDIENCE,
      algorithms: ['RS256'],
    });
    assert.notEqual(accessToken2.jti, accessToken.jti);
    assert.deepEqual(accessToken2.groups, ['platform-admins', 'team-orders']);
    assert.equal(accessToken2.exp - accessToken2.iat, ACCESS_TOKEN_TTL);
    if (refreshed.id_token) {
      const { payload } = await jwtVerify(refreshed.id_token, jwks, { issuer: op.issuer, audience: CLIENT_ID });
      assert.ok(payload.groups.includes('team-orders'));
    }

    // The rotated-out refresh token still works within the reuse grace (the answer to a refresh
    // can be lost, e.g. to a page reload): it rotates again.
    response = await formPost(config.token_endpoint, {
      grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: CLIENT_ID,
    });
    const replayed = await response.json();
    assert.equal(response.status, 200, JSON.stringify(replayed));
    assert.ok(replayed.refresh_token);
    assert.notEqual(replayed.refresh_token, refreshed.refresh_token);

    // 6. revocation of the current refresh token
    response = await formPost(config.revocation_endpoint, {
      token: refreshed.refresh_token, token_type_hint: 'refresh_token', client_id: CLIENT_ID,
    }, { origin: APP_ORIGIN });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), APP_ORIGIN);
    response = await formPost(config.token_endpoint, {
      grant_type: 'refresh_token', refresh_token: refreshed.refresh_token, client_id: CLIENT_ID,
    });
    assert.equal(response.status, 400);

    // 7. logout: the confirm form auto-submits logout=yes; we post it by hand
    const endSession = new URL(config.end_session_endpoint);
    endSession.search = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: `${APP_ORIGIN}/`,
      state,
    }).toString();
    response = await browserFetch(jar, endSession.href);
    assert.equal(response.status, 200);
    const logoutHtml = await response.text();
    assert.match(logoutHtml, /\.submit\(\)/);
    const confirmAction = logoutHtml.match(/<form id="op.logoutForm" method="post" action="([^"]+)"/)[1];
    const fields = Object.fromEntries(
      [...logoutHtml.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]),
    );
    assert.equal(fields.logout, 'yes');
    response = await browserFetch(jar, confirmAction, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
    assert.equal(response.status, 303);
    const afterLogout = new URL(response.headers.get('location'));
    assert.equal(afterLogout.origin + afterLogout.pathname, `${APP_ORIGIN}/`);
    assert.equal(afterLogout.searchParams.get('state'), state);

    // Session is gone: authorizing again asks for a login.
    response = await browserFetch(jar, authorize.href);
    assert.equal(response.status, 303);
    assert.match(response.headers.get('location'), /\/interaction\//);
  });

  it('refuses a rotated-out refresh token after the reuse grace, and revokes its grant', async () => {
    const strict = await startOidcProvider({ port: 0, refreshTokenReuseGrace: 1 });
    try {
      const strictConfig = await (await fetch(`${strict.issuer}/.well-known/openid-configuration`)).json();
      const bob = await signIn(strictConfig, strict.issuer, 'bob');
      const refresh = (token) => formPost(strict.tokenEndpoint, {
        grant_type: 'refresh_token', refresh_token: token, client_id: CLIENT_ID,
      });
      let response = await refresh(bob.refresh_token);
      const rotated = await response.json();
      assert.equal(response.status, 200, JSON.stringify(rotated));
      await new Promise((resolve) => setTimeout(resolve, 2100));
      response = await refresh(bob.refresh_token);
      assert.equal(response.status, 400);
      assert.equal((await response.json()).error, 'invalid_grant');
      // Taken for a stolen token: the grant is revoked, the newest refresh token with it.
      response = await refresh(rotated.refresh_token);
      assert.equal(response.status, 400);
      assert.equal((await response.json()).error, 'invalid_grant');
    } finally {
      await strict.close();
    }
  });

  it('issues bob his own groups', async () => {
    const tokens = await signIn(config, op.issuer, 'bob');
    assert.equal(decodeProtectedHeader(tokens.access_token).typ, 'at+jwt');
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: op.issuer, audience: AUDIENCE });
    assert.equal(payload.sub, 'bob');
    assert.deepEqual(payload.groups, ['team-billing']);
  });

  it('sends access_denied back to the app when login is cancelled', async () => {
    const jar = new CookieJar();
    const { challenge } = pkcePair();
    const authorize = authorizeUrl(config, {
      state: 'cancelled',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    let response = await browserFetch(jar, authorize.href);
    const interactionUrl = new URL(response.headers.get('location'), op.issuer).href;
    response = await browserFetch(jar, `${interactionUrl}/abort`, { method: 'POST' });
    const callback = await followUntil(jar, response, op.issuer, REDIRECT_URI);
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    assert.equal(callback.searchParams.get('state'), 'cancelled');
  });

  it('answers CORS preflights from the app origin only', async () => {
    for (const path of ['/token', '/me', '/token/revocation']) {
      const preflight = await fetch(`${op.issuer}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: APP_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      assert.ok(preflight.status < 300, `${path} preflight ${preflight.status}`);
      assert.equal(preflight.headers.get('access-control-allow-origin'), APP_ORIGIN, path);
    }
    const jwksResponse = await fetch(op.jwksUri, { headers: { origin: APP_ORIGIN } });
    assert.ok(jwksResponse.headers.get('access-control-allow-origin'));

    // A foreign origin gets no CORS grant on the token endpoint.
    const foreign = await formPost(config.token_endpoint, {
      grant_type: 'refresh_token', refresh_token: 'x', client_id: CLIENT_ID,
    }, { origin: 'http://evil.localhost:4000' });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });
  describe('token exchange (RFC 8693)', () => {
    const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
    const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
    const ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';
    const ORDERS = 'component:default/orders';
    let alice;

    before(async () => {
      alice = await signIn(config, op.issuer, 'alice');
    });

    /** The luigi backend's exchange request: its client, alice's access token, the orders app. */
    function exchange(fields = {}, secret = op.exchangeClientSecret) {
      const body = Object.fromEntries(Object.entries({
        grant_type: GRANT,
        subject_token: alice.access_token,
        subject_token_type: ACCESS_TOKEN,
        requested_token_type: ACCESS_TOKEN,
        audience: ORDERS,
        ...fields,
      }).filter(([, value]) => value !== undefined));
      return formPost(op.tokenEndpoint, body, {
        authorization: basic(op.exchangeClientId, secret),
        accept: 'application/json',
      });
    }

    async function refusal(response) {
      const body = await response.json();
      return { status: response.status, error: body.error, access_token: body.access_token };
    }

    it('is announced, and its client is returned', () => {
      assert.ok(config.grant_types_supported.includes(GRANT));
      assert.equal(op.exchangeClientId, 'luigi-backend');
      assert.equal(op.exchangeClientSecret, 'luigi-backend-dev-secret');
      assert.equal(op.tokenEndpoint, config.token_endpoint);
    });

    it("exchanges the user's access token for a JWT for the micro app, acting for the user", async () => {
      const response = await exchange();
      const body = await response.json();
      assert.equal(response.status, 200, JSON.stringify(body));
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.deepEqual(Object.keys(body).sort(), [
        'access_token', 'expires_in', 'issued_token_type', 'scope', 'token_type',
      ]);
      assert.equal(body.issued_token_type, ACCESS_TOKEN);
      assert.equal(body.token_type, 'Bearer');
      assert.ok(body.expires_in > 0 && body.expires_in <= 60, `expires_in ${body.expires_in}`);
      const { payload, protectedHeader } = await jwtVerify(body.access_token, jwks, {
        issuer: op.issuer,
        audience: ORDERS,
        algorithms: ['RS256'],
        typ: 'at+jwt',
      });
      assert.equal(payload.aud, ORDERS);
      assert.equal(payload.sub, 'alice');
      assert.deepEqual(payload.act, { sub: 'luigi-backend' });
      assert.equal(payload.client_id, 'luigi-backend');
      assert.equal(payload.scope, decodeJwt(alice.access_token).scope);
      assert.deepEqual(payload.groups, ['platform-admins', 'team-orders']);
      assert.ok(payload.jti);
      assert.ok(protectedHeader.kid);
      assert.ok(payload.exp - payload.iat <= 60);
      assert.equal(body.expires_in, payload.exp - payload.iat);
    });

    it('names the target by resource as well, e.g. an https URL on loopback', async () => {
      const target = 'https://localhost:8443/orders/';
      const response = await exchange({ audience: undefined, resource: target });
      const body = await response.json();
      assert.equal(response.status, 200, JSON.stringify(body));
      const { payload } = await jwtVerify(body.access_token, jwks, { issuer: op.issuer, audience: target });
      assert.equal(payload.sub, 'alice');
    });

    it('narrows the scopes to those asked, and never widens them', async () => {
      let response = await exchange({ scope: 'openid groups' });
      let body = await response.json();
      assert.equal(response.status, 200, JSON.stringify(body));
      assert.equal(body.scope, 'openid groups');
      assert.equal(decodeJwt(body.access_token).scope, 'openid groups');
      response = await exchange({ scope: 'openid admin' });
      assert.deepEqual(await refusal(response), { status: 400, error: 'invalid_scope', access_token: undefined });
    });

    it('exchanges an ID token when the type says so, and holds every token to its type', async () => {
      let response = await exchange({ subject_token: alice.id_token, subject_token_type: ID_TOKEN });
      const body = await response.json();
      assert.equal(response.status, 200, JSON.stringify(body));
      const { payload } = await jwtVerify(body.access_token, jwks, { issuer: op.issuer, audience: ORDERS });
      assert.deepEqual([payload.sub, payload.act], ['alice', { sub: 'luigi-backend' }]);

      response = await exchange({ subject_token: alice.id_token, subject_token_type: ACCESS_TOKEN });
      assert.deepEqual(await refusal(response), { status: 400, error: 'invalid_grant', access_token: undefined });
      response = await exchange({ subject_token_type: ID_TOKEN });
      assert.deepEqual(await refusal(response), { status: 400, error: 'invalid_grant', access_token: undefined });
      response = await exchange({ subject_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' });
      assert.deepEqual(await refusal(response), { status: 400, error: 'invalid_request', access_token: undefined });
    });

    it('keeps the chain of actors when an exchanged token is exchanged again', async () => {
      const first = await (await exchange()).json();
      const response = await exchange({ subject_token: first.access_token, audience: 'component:default/billing' });
      const body = await response.json();
      assert.equal(response.status, 200, JSON.stringify(body));
      const { payload } = await jwtVerify(body.access_token, jwks, {
        issuer: op.issuer, audience: 'component:default/billing',
      });
      assert.deepEqual(payload.act, { sub: 'luigi-backend', act: { sub: 'luigi-backend' } });
    });

    it('refuses audiences it does not serve (invalid_target)', async () => {
      for (const target of [
        { audience: 'https://evil.example.com/' },
        { audience: 'group:default/admins' },
        { audience: 'http://localhost:8080/' },
        { audience: undefined, resource: 'https://apps.example.com/orders' },
        { resource: 'https://localhost/' },
      ]) {
        assert.deepEqual(await refusal(await exchange(target)), {
          status: 400, error: 'invalid_target', access_token: undefined,
        }, JSON.stringify(target));
      }
    });

    it('refuses forged, foreign and malformed subject tokens (invalid_grant)', async () => {
      const [header, payload] = alice.access_token.split('.');
      const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
      // The same claims, but signed by another provider.
      const other = await startOidcProvider({ port: 0, issuer: op.issuer });
      try {
        const otherOrigin = `http://localhost:${other.port}`;
        const otherConfig = {
          ...config, authorization_endpoint: `${otherOrigin}/auth`, token_endpoint: `${otherOrigin}/token`,
        };
        const foreign = await signIn(otherConfig, otherOrigin, 'alice');
        assert.equal(decodeJwt(foreign.access_token).iss, op.issuer);
        for (const subject of [forged, foreign.access_token, 'not-a-jwt']) {
          assert.deepEqual(await refusal(await exchange({ subject_token: subject })), {
            status: 400, error: 'invalid_grant', access_token: undefined,
          });
        }
      } finally {
        await other.close();
      }
    });

    it('refuses an expired subject token, and never outlives the subject', async () => {
      const brief = await startOidcProvider({ port: 0, accessTokenTtl: 1 });
      try {
        const briefConfig = await (await fetch(`${brief.issuer}/.well-known/openid-configuration`)).json();
        const bob = await signIn(briefConfig, brief.issuer, 'bob');
        const request = () => formPost(brief.tokenEndpoint, {
          grant_type: GRANT,
          subject_token: bob.access_token,
          subject_token_type: ACCESS_TOKEN,
          audience: ORDERS,
        }, { authorization: basic(brief.exchangeClientId, brief.exchangeClientSecret) });
        const { exp } = decodeJwt(bob.access_token);
        const early = await (await request()).json();
        if (early.access_token) {
          assert.ok(early.expires_in <= 1, `expires_in ${early.expires_in}`);
          assert.ok(decodeJwt(early.access_token).exp <= exp);
        } else {
          // The one second of the subject had already passed.
          assert.equal(early.error, 'invalid_grant');
        }
        // jose refuses a token once the current second reaches `exp`.
        await new Promise((resolve) => { setTimeout(resolve, exp * 1000 - Date.now() + 50); });
        assert.deepEqual(await refusal(await request()), {
          status: 400, error: 'invalid_grant', access_token: undefined,
        });
      } finally {
        await brief.close();
      }
    });

    it('refuses missing parameters (invalid_request)', async () => {
      const missingOnes = [{ subject_token: undefined }, { subject_token_type: undefined }, { audience: undefined }];
      for (const missing of missingOnes) {
        assert.deepEqual(await refusal(await exchange(missing)), {
          status: 400, error: 'invalid_request', access_token: undefined,
        }, JSON.stringify(missing));
      }
      const refreshToken = 'urn:ietf:params:oauth:token-type:refresh_token';
      assert.deepEqual(await refusal(await exchange({ requested_token_type: refreshToken })), {
        status: 400, error: 'invalid_request', access_token: undefined,
      });
    });

    it('authenticates the client: a wrong secret, or the public client, gets nothing', async () => {
      assert.deepEqual(await refusal(await exchange({}, 'wrong-secret')), {
        status: 401, error: 'invalid_client', access_token: undefined,
      });
      const response = await formPost(op.tokenEndpoint, {
        grant_type: GRANT,
        client_id: CLIENT_ID,
        subject_token: alice.access_token,
        subject_token_type: ACCESS_TOKEN,
        audience: ORDERS,
      });
      const body = await response.json();
      assert.equal(response.status, 400);
      assert.equal(body.access_token, undefined);
      assert.match(body.error_description, /grant type is not allowed/);
    });

    it('serves exactly the configured audiences when given', async () => {
      const custom = await startOidcProvider({
        port: 0,
        exchangeClientSecret: 'another-secret',
        exchangeAudiences: ['https://apps.example.com/orders', /^urn:luigi:/],
      });
      try {
        const customConfig = await (await fetch(`${custom.issuer}/.well-known/openid-configuration`)).json();
        const bob = await signIn(customConfig, custom.issuer, 'bob');
        const request = (audience) => formPost(custom.tokenEndpoint, {
          grant_type: GRANT, subject_token: bob.access_token, subject_token_type: ACCESS_TOKEN, audience,
        }, { authorization: basic('luigi-backend', 'another-secret') });
        for (const audience of ['https://apps.example.com/orders', 'urn:luigi:billing']) {
          const response = await request(audience);
          assert.equal(response.status, 200, audience);
          assert.equal(decodeJwt((await response.json()).access_token).aud, audience);
        }
        for (const audience of [ORDERS, 'https://localhost/']) {
          assert.equal((await refusal(await request(audience))).error, 'invalid_target', audience);
        }
      } finally {
        await custom.close();
      }
    });

    it('accepts the well-known dev secret on loopback only', async () => {
      await assert.rejects(startOidcProvider({ port: 0, host: '0.0.0.0' }), /exchangeClientSecret is required/);
    });
  });
});
