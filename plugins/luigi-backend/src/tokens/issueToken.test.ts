import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { luigiMicroFrontendOpenPermission, LuigiMicroAppTokenClaims, normalizeTokenAudiences } from 'backstage-plugin-luigi-common';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { issueMicroAppToken, TokenIssuerOptions } from './issueToken';
import { DatabaseSigningKeys } from './signingKeys';
import { componentWith, TEST_KEY_ENCRYPTION_SECRET, TOKEN_TEST_AUDIENCES, TOKEN_TEST_ENTITIES } from '../testing/testBackend';

jest.setTimeout(30_000);

const ALICE = 'user:default/alice';
const ISSUER = 'https://backstage.example.com/api/luigi';
const LIFETIME = 5 * 60_000;
const allowedOrigins = new Set(['https://apps.example.com']);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const ENTITIES = [
  ...TOKEN_TEST_ENTITIES,
  componentWith('views-only', {
    'luigi-project.io/view-url': 'https://evil.example.net/',
    'luigi-project.io/views': 'Settings=https://apps.example.com/settings',
  }),
  componentWith('empty-views', { 'luigi-project.io/views': ' ' }),
];

let now: number;
let options: TokenIssuerOptions;
let authorize: jest.Mock;
let getEntityByRef: jest.SpyInstance;
const credentials = mockCredentials.user(ALICE);

beforeEach(async () => {
  now = Date.parse('2026-12-01T10:00:00Z');
  const catalog = catalogServiceMock({ entities: ENTITIES });
  getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
  authorize = jest.fn(async (requests: unknown[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })));
  options = {
    accessMode: 'permission-framework',
    permissions: { authorize, authorizeConditional: jest.fn() },
    catalog,
    userInfo: mockServices.userInfo({ ownershipEntityRefs: [ALICE, 'group:default/team-orders'] }),
    discovery: { getBaseUrl: jest.fn(), getExternalBaseUrl: jest.fn(async () => ISSUER) },
    signingKeys: await DatabaseSigningKeys.create({
      database: mockServices.database({ knex: await databases.init('SQLITE_3') }),
      timing: { keyRotationMs: 60 * 60_000, tokenLifetimeMs: LIFETIME },
      keyEncryptionSecret: TEST_KEY_ENCRYPTION_SECRET,
      now: () => now,
    }),
    allowedOrigins,
    tokenAudiences: normalizeTokenAudiences(TOKEN_TEST_AUDIENCES).audiences,
    tokenLifetimeMs: LIFETIME,
    now: () => now,
  };
});

/** Issues alice a token for one entity, as the route does for `{ entityRef }`: the route's answer. */
async function issue(issuerOptions: TokenIssuerOptions, entityRef: string) {
  return (await issueMicroAppToken(issuerOptions, { entityRef, purpose: 'open' }, credentials)).answer;
}

async function verify(token: string, audience: string, at = now) {
  const jwks = createLocalJWKSet({ keys: await options.signingKeys.publicKeys() });
  const { payload } = await jwtVerify<LuigiMicroAppTokenClaims>(token, jwks, {
    issuer: ISSUER,
    audience,
    algorithms: ['ES256'],
    currentDate: new Date(at),
  });
  return payload;
}

describe('issueMicroAppToken', () => {
  it('issues a token with the claims of the contract, for the entity ref as default audience', async () => {
    const issued = await issue(options, 'component:default/orders');
    const iat = Math.floor(now / 1000);
    expect(issued).toEqual({
      token: expect.any(String),
      expiresAt: now + LIFETIME,
      audience: 'component:default/orders',
      entityRef: 'component:default/orders',
    });
    expect(decodeProtectedHeader(issued.token)).toEqual({ alg: 'ES256', kid: expect.any(String), typ: 'JWT' });
    expect(await verify(issued.token, 'component:default/orders')).toEqual({
      iss: ISSUER,
      sub: ALICE,
      aud: 'component:default/orders',
      ent: [ALICE, 'group:default/team-orders'],
      app: 'component:default/orders',
      iat,
      exp: iat + LIFETIME / 1000,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('gives every token its own id', async () => {
    const [a, b] = await Promise.all([
      issue(options, 'component:default/orders'),
      issue(options, 'component:default/orders'),
    ]);
    expect((await verify(a.token, a.audience)).jti).not.toBe((await verify(b.token, b.audience)).jti);
  });

  it('uses the audience the admin assigned; the token is refused for any other audience', async () => {
    const issued = await issue(options, 'component:default/billing');
    expect(issued.audience).toBe('https://apps.example.com/billing');
    expect((await verify(issued.token, 'https://apps.example.com/billing')).app).toBe('component:default/billing');
    await expect(verify(issued.token, 'component:default/billing')).rejects.toThrow(/unexpected "aud" claim value/);
    await expect(verify(issued.token, 'component:default/orders')).rejects.toThrow(/unexpected "aud" claim value/);
  });

  it('expires after the configured lifetime', async () => {
    const issued = await issue(options, 'component:default/orders');
    await expect(verify(issued.token, issued.audience, now + LIFETIME - 1000)).resolves.toBeDefined();
    await expect(verify(issued.token, issued.audience, now + LIFETIME)).rejects.toThrow(/"exp" claim timestamp/);
  });

  it('reads the entity, and asks the policy, with the user’s own credentials', async () => {
    await issue(options, 'component:default/orders');
    expect(getEntityByRef).toHaveBeenCalledWith('component:default/orders', { credentials });
    expect(authorize).toHaveBeenCalledWith(
      [{ permission: luigiMicroFrontendOpenPermission, resourceRef: 'component:default/orders' }],
      { credentials },
    );
  });

  it('accepts an entity with one valid view beside a bad one', async () => {
    const issued = await issue(options, 'component:default/views-only');
    expect(issued.audience).toBe('component:default/views-only');
  });

  it('refuses an entity the user cannot read, or that does not exist, alike (404)', async () => {
    await expect(issue(options, 'component:default/nope')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/nope in the catalog, or you may not read it',
    });
    expect(authorize).not.toHaveBeenCalled();
  });

  it.each([
    ['docs', 'component:default/docs is not a micro app: it has no luigi-project.io/view-url or luigi-project.io/views annotation'],
    [
      'foreign',
      'component:default/foreign has no valid micro frontend registration: Micro frontend not shown: luigi-project.io/view-url: origin https://evil.example.net is not in luigi.allowedOrigins',
    ],
    ['empty-views', 'component:default/empty-views has no valid micro frontend registration: its annotations declare no view'],
    [
      'bad-audience',
      'component:default/bad-audience gets no token: luigi-project.io/token-audience: the token audience must not contain whitespace or control characters',
    ],
  ])('refuses %s, which is no valid micro app registration (403)', async (name, message) => {
    await expect(issue(options, `component:default/${name}`)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message,
    });
    expect(authorize).not.toHaveBeenCalled();
  });

  it.each([
    [AuthorizeResult.DENY, 'policy'],
    [AuthorizeResult.CONDITIONAL, 'malformed-decision'],
  ])('refuses when the policy answers %s (403)', async (result, reason) => {
    authorize.mockResolvedValue([{ result }]);
    await expect(issue(options, 'component:default/orders')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `You may not open the micro frontends of component:default/orders (denied: ${reason})`,
    });
  });

  it('refuses in closed mode without asking the catalog or the policy (403)', async () => {
    await expect(
      issue({ ...options, accessMode: 'closed' }, 'component:default/orders'),
    ).rejects.toMatchObject({ name: 'NotAllowedError', message: expect.stringMatching(/permission framework is off/) });
    expect(getEntityByRef).not.toHaveBeenCalled();
    expect(authorize).not.toHaveBeenCalled();
  });

  it('issues to every signed-in user without asking the policy when app-config opens access', async () => {
    const issued = await issue({ ...options, accessMode: 'open-to-every-signed-in-user' }, 'component:default/orders');
    expect((await verify(issued.token, issued.audience)).sub).toBe(ALICE);
    expect(authorize).not.toHaveBeenCalled();
  });

  it('passes a failing permission backend on instead of issuing', async () => {
    authorize.mockRejectedValue(new Error('permission backend unreachable'));
    await expect(issue(options, 'component:default/orders')).rejects.toThrow('unreachable');
  });
});
