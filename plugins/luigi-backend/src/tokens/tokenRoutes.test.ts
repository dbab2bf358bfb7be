import { JsonObject } from '@backstage/types';
import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { LuigiMicroAppTokenClaims, parseMicroAppToken } from 'backstage-plugin-luigi-common';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { catalogHiding } from '../testing/catalogHiding';
import { policyAllowing } from '../testing/policyAllowing';
import {
  componentWith,
  startLuigiTestBackend,
  stopTestBackend,
  testBackendForSuite,
  TOKEN_TEST_AUDIENCES,
  TOKEN_TEST_ENTITIES,
  userInfoOwning,
  withTestBackend,
} from '../testing/testBackend';

jest.setTimeout(60_000);

const ORDERS = 'component:default/orders';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';

const ENTITIES = [
  ...TOKEN_TEST_ENTITIES,
  componentWith('private', { 'luigi-project.io/view-url': 'https://apps.example.com/private/' }),
  // Node settings the page refuses (they would put a web component in the host page).
  componentWith('hostile-settings', {
    'luigi-project.io/view-url': 'https://apps.example.com/hostile/',
    'luigi-project.io/node-settings': JSON.stringify({ webcomponent: true }),
  }),
  // Node settings that grant the search parameter `q`: shown only where the admin allows that grant.
  componentWith('granting', {
    'luigi-project.io/view-url': 'https://apps.example.com/search/',
    'luigi-project.io/node-settings': JSON.stringify({ clientPermissions: { urlParameters: { q: { read: true, write: true } } } }),
  }),
];

/** The catalog, with its own read rule: `private` is hidden from carol. It sees the caller's credentials. */
const catalog = catalogHiding(ENTITIES, (entity, user) => entity.metadata.name === 'private' && user === CAROL, { requireUser: true });

/** Users own themselves and their team, as the userInfo service says. */
const userInfo = userInfoOwning('group:default/team-orders');

/** Alice and carol may open micro frontends, bob may not. */
const policyModule = policyAllowing('alice-and-carol', [ALICE, CAROL]);

const PERMISSION_FRAMEWORK = {
  permission: { enabled: true },
  luigi: { allowedOrigins: ['https://apps.example.com'], tokens: { audiences: TOKEN_TEST_AUDIENCES } },
};

function start(config: JsonObject, features: any[] = []) {
  return startLuigiTestBackend(config, [
    catalog,
    userInfo,
    import('@backstage/plugin-permission-backend'),
    policyModule,
    ...features,
  ]);
}

async function requestToken(url: string, body: unknown, authorization?: string) {
  const response = await fetch(`${url}/api/luigi/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json().catch(() => undefined) };
}

const as = (user: string) => mockCredentials.user.header(user);

/** Verifies a token against the JWKS of a backend, fetched as anyone would: without credentials. */
async function verifyWithJwks(url: string, token: string, audience: string) {
  const response = await fetch(`${url}/api/luigi/.well-known/jwks.json`);
  expect(response.status).toBe(200);
  const jwks = createLocalJWKSet(await response.json());
  const { payload } = await jwtVerify<LuigiMicroAppTokenClaims>(token, jwks, {
    issuer: `${url}/api/luigi`,
    audience,
    algorithms: ['ES256'],
  });
  return payload;
}

describe('micro app tokens on the permission framework', () => {
  const backend = testBackendForSuite(() => start(PERMISSION_FRAMEWORK));

  it('issues an allowed user a token that verifies against the JWKS of the same backend', async () => {
    const response = await requestToken(backend.url, { entityRef: 'Component:default/Orders' }, as(ALICE));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const issued = parseMicroAppToken(response.body);
    expect(issued).toEqual({ token: expect.any(String), expiresAt: expect.any(Number), audience: ORDERS, entityRef: ORDERS });
    expect(decodeProtectedHeader(issued.token)).toEqual({ alg: 'ES256', kid: expect.any(String), typ: 'JWT' });

    const claims = await verifyWithJwks(backend.url, issued.token, ORDERS);
    expect(claims).toEqual({
      iss: `${backend.url}/api/luigi`,
      sub: ALICE,
      aud: ORDERS,
      ent: [ALICE, 'group:default/team-orders'],
      app: ORDERS,
      iat: expect.any(Number),
      exp: claims.iat + 300,
      jti: expect.any(String),
    });
    expect(issued.expiresAt).toBe(claims.exp * 1000);
    await expect(verifyWithJwks(backend.url, issued.token, 'component:default/billing')).rejects.toThrow(/"aud"/);
  });

  it('issues for the audience the admin assigned in luigi.tokens.audiences', async () => {
    const response = await requestToken(backend.url, { entityRef: 'component:default/billing' }, as(ALICE));
    expect(response.body.audience).toBe('https://apps.example.com/billing');
    const claims = await verifyWithJwks(backend.url, response.body.token, 'https://apps.example.com/billing');
    expect(claims.app).toBe('component:default/billing');
  });

  it('publishes only public keys, to anyone, cacheable briefly', async () => {
    const response = await fetch(`${backend.url}/api/luigi/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const { keys } = await response.json();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toEqual({
        kid: expect.any(String),
        kty: 'EC',
        crv: 'P-256',
        x: expect.any(String),
        y: expect.any(String),
        alg: 'ES256',
        use: 'sig',
      });
    }
  });

  it('refuses a caller that is not a signed-in user', async () => {
    for (const authorization of [undefined, mockCredentials.user.invalidHeader()]) {
      const response = await requestToken(backend.url, { entityRef: ORDERS }, authorization);
      expect(response.status).toBe(401);
      expect(response.body.token).toBeUndefined();
      // One message, whatever the backend's auth said (its message may quote the token).
      expect(response.body.error).toEqual({ name: 'AuthenticationError', message: 'Missing or invalid user credentials' });
    }
    // A service is authenticated, but may not get a user's token: the backend's httpAuth says 403.
    const asService = await requestToken(backend.url, { entityRef: ORDERS }, mockCredentials.service.header());
    expect(asService.status).toBe(403);
    expect(asService.body).toEqual({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
      request: expect.anything(),
      response: { statusCode: 403 },
    });
  });

  it.each([
    [{}, 'Expected a JSON body with an entityRef string'],
    [{ entityRef: ['component:default/orders'] }, 'Expected a JSON body with an entityRef string'],
    [{ entityRef: 'orders' }, 'entityRef is not an entity ref'],
    [{ entityRef: 'component:default/' }, 'entityRef is not an entity ref'],
    // Backstage's own name rules: no spaces, at most 63 characters, a namespace that is a DNS label.
    [{ entityRef: 'component:default/ord ers' }, 'entityRef is not an entity ref'],
    [{ entityRef: `component:default/${'a'.repeat(64)}` }, 'entityRef is not an entity ref'],
    [{ entityRef: 'component:team_a/orders' }, 'entityRef is not an entity ref'],
  ])('refuses the malformed request %j (400)', async (body, message) => {
    const response = await requestToken(backend.url, body, as(ALICE));
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual(expect.objectContaining({ name: 'InputError', message }));
  });

  it('answers 404 for an unknown entity, and for one the catalog hides from the user', async () => {
    const unknown = await requestToken(backend.url, { entityRef: 'component:default/nope' }, as(ALICE));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual(
      expect.objectContaining({
        name: 'NotFoundError',
        message: 'No entity component:default/nope in the catalog, or you may not read it',
      }),
    );
    // The catalog is asked with the user's credentials: carol may not read `private`, alice may.
    const hidden = await requestToken(backend.url, { entityRef: 'component:default/private' }, as(CAROL));
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(unknown.body.error.message.replace('nope', 'private'));
    expect((await requestToken(backend.url, { entityRef: 'component:default/private' }, as(ALICE))).status).toBe(200);
    expect((await requestToken(backend.url, { entityRef: ORDERS }, as(CAROL))).status).toBe(200);
  });

  it("refuses a user the app's policy denies (403)", async () => {
    const response = await requestToken(backend.url, { entityRef: ORDERS }, as(BOB));
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual(
      expect.objectContaining({
        name: 'NotAllowedError',
        message: 'You may not open the micro frontends of component:default/orders (denied: policy)',
      }),
    );
  });

  it.each([
    ['docs', /is not a micro app: it has no luigi-project\.io\/view-url or luigi-project\.io\/views annotation/],
    ['foreign', /has no valid micro frontend registration: .*origin https:\/\/evil\.example\.net is not in luigi\.allowedOrigins/],
    ['bad-audience', /gets no token: luigi-project\.io\/token-audience: .*whitespace/],
    ['hostile-settings', /has no valid micro frontend registration: .*luigi-project\.io\/node-settings: .*webcomponent/],
    ['granting', /has no valid micro frontend registration: .*luigi-project\.io\/node-settings: .*not in luigi\.clientPermissions/],
  ])('refuses %s, which is no valid micro app registration (403)', async (name, message) => {
    const response = await requestToken(backend.url, { entityRef: `component:default/${name}` }, as(ALICE));
    expect(response.status).toBe(403);
    expect(response.body.error.name).toBe('NotAllowedError');
    expect(response.body.error.message).toMatch(message);
  });
});

describe('micro app tokens for node settings that grant client permissions', () => {
  it('are issued when luigi.clientPermissions allows the grant, as the page then shows the app', () => {
    const config = { ...PERMISSION_FRAMEWORK, luigi: { ...PERMISSION_FRAMEWORK.luigi, clientPermissions: { urlParameters: ['q'] } } };
    return withTestBackend(start(config), async url => {
      const response = await requestToken(url, { entityRef: 'component:default/granting' }, as(ALICE));
      expect(response.status).toBe(200);
      expect((await verifyWithJwks(url, response.body.token, 'component:default/granting')).sub).toBe(ALICE);
      expect((await requestToken(url, { entityRef: 'component:default/hostile-settings' }, as(ALICE))).status).toBe(403);
    });
  });
});

describe('micro app tokens without the permission framework', () => {
  it('are refused by default (403)', () =>
    withTestBackend(start({ luigi: { allowedOrigins: ['https://apps.example.com'] } }), async url => {
      const response = await requestToken(url, { entityRef: ORDERS }, as(ALICE));
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/the permission framework is off/);
    }));

  it('are issued to every signed-in user when app-config explicitly says so', () => {
    const config = { luigi: { allowedOrigins: ['https://apps.example.com'], access: { openToEverySignedInUser: true } } };
    return withTestBackend(start(config), async url => {
      const response = await requestToken(url, { entityRef: ORDERS }, as(BOB));
      expect(response.status).toBe(200);
      expect((await verifyWithJwks(url, response.body.token, ORDERS)).sub).toBe(BOB);
    });
  });
});

describe('micro app tokens across replicas', () => {
  // PostgreSQL too: the jest global setup starts one (scripts/jestPostgresSetup.js).
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] });

  it.each(databases.eachSupportedId())(
    'verify against the JWKS of another backend on the same database (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database.factory({ knex });
      const first = await start(PERMISSION_FRAMEWORK, [database]);
      const second = await start(PERMISSION_FRAMEWORK, [database]);
      try {
        const issued = await requestToken(first.url, { entityRef: ORDERS }, as(ALICE));
        const response = await fetch(`${second.url}/api/luigi/.well-known/jwks.json`);
        const { payload } = await jwtVerify(issued.body.token, createLocalJWKSet(await response.json()), {
          issuer: `${first.url}/api/luigi`,
          audience: ORDERS,
        });
        expect(payload.sub).toBe(ALICE);
      } finally {
        await stopTestBackend(first.backend);
        await stopTestBackend(second.backend);
      }
    },
  );
});

describe('token settings', () => {
  it.each([
    [{ lifetime: '10s' }, 'luigi.tokens.lifetime must be between 30 seconds and 1 hour, got 10 seconds'],
    [{ keyRotation: { minutes: 1 } }, 'luigi.tokens.keyRotation must be between 10 minutes and 30 days, got 60 seconds'],
  ])('stop the backend from starting when out of bounds: %j', async (tokens, message) => {
    await expect(start({ ...PERMISSION_FRAMEWORK, luigi: { tokens } })).rejects.toThrow(message);
  });

  it('set the lifetime of the tokens', () => {
    const config = {
      ...PERMISSION_FRAMEWORK,
      luigi: { allowedOrigins: ['https://apps.example.com'], tokens: { lifetime: { minutes: 2 } } },
    };
    return withTestBackend(start(config), async url => {
      const response = await requestToken(url, { entityRef: ORDERS }, as(ALICE));
      const claims = await verifyWithJwks(url, response.body.token, ORDERS);
      expect(claims.exp - claims.iat).toBe(120);
    });
  });
});
