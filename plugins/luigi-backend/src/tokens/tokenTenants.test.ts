import { LuigiMicroAppTokenClaims, parseMicroAppToken } from 'backstage-plugin-luigi-common';
import { createLocalJWKSet, jwtVerify } from 'jose';
import {
  ALICE,
  as,
  BOB,
  CAROL,
  DAVE,
  ERIN,
  PERMISSION_FRAMEWORK_WITHOUT_TENANTS,
  post,
  tenantBackendForSuite,
  TENANTS_OPEN_TO_EVERY_SIGNED_IN_USER,
  withTenantBackend,
} from '../testing/tenantFixtures';

jest.setTimeout(60_000);

const ORDERS = 'component:default/orders';
const SHIPMENTS = 'component:logistics/shipments';

const requestToken = (url: string, body: unknown, user: string) => post(url, '/tokens', body, as(user));

async function claimsOf(url: string, token: string, audience: string) {
  const jwks = createLocalJWKSet(await (await fetch(`${url}/api/luigi/.well-known/jwks.json`)).json());
  const { payload } = await jwtVerify<LuigiMicroAppTokenClaims>(token, jwks, { issuer: `${url}/api/luigi`, audience });
  return payload;
}

const denied = (entityRef: string, reason: string) => ({
  name: 'NotAllowedError',
  message: `You may not open the micro frontends of ${entityRef} (denied: ${reason})`,
});

describe('micro app tokens with tenants', () => {
  const backend = tenantBackendForSuite();

  it("names the entity's tenant in the token and the answer, whether or not the request names it", async () => {
    for (const body of [{ entityRef: SHIPMENTS }, { entityRef: SHIPMENTS, tenant: 'logistics' }]) {
      const response = await requestToken(backend.url, body, ALICE);
      expect(response.status).toBe(200);
      const issued = parseMicroAppToken(response.body);
      expect(issued).toEqual({
        token: expect.any(String),
        expiresAt: expect.any(Number),
        audience: SHIPMENTS,
        entityRef: SHIPMENTS,
        tenant: 'logistics',
      });
      expect(await claimsOf(backend.url, issued.token, SHIPMENTS)).toEqual(
        expect.objectContaining({ sub: ALICE, app: SHIPMENTS, tenant: 'logistics' }),
      );
    }
  });

  it('gives no token to an entity whose tenant annotation claims another tenant than its namespace', async () => {
    const named = await requestToken(backend.url, { entityRef: 'component:default/relocated', tenant: 'logistics' }, ALICE);
    expect(named.status).toBe(403);
    expect(named.body.error).toEqual(expect.objectContaining(denied('component:default/relocated', 'other-tenant')));
    for (const name of ['relocated', 'stray']) {
      const response = await requestToken(backend.url, { entityRef: `component:default/${name}` }, ALICE);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(
        /gets no token: luigi-project\.io\/tenant: the annotation names tenant "(logistics|nowhere)", but namespace default is in tenant commerce/,
      );
    }
  });

  it.each([
    ['an entity of another tenant than the one named', ALICE, { entityRef: ORDERS, tenant: 'logistics' }, 'other-tenant'],
    ['an entity of a tenant that does not exist', ALICE, { entityRef: ORDERS, tenant: 'atlantis' }, 'other-tenant'],
    ['an entity of no tenant', ALICE, { entityRef: 'component:payments/ledger' }, 'no-tenant'],
    ['an entity of a tenant the user may not enter (condition)', BOB, { entityRef: SHIPMENTS }, 'tenant-denied'],
    ['an entity of a tenant the user may not enter (deny)', CAROL, { entityRef: ORDERS }, 'tenant-denied'],
    ['an entity the policy denies in a tenant the user may enter', DAVE, { entityRef: SHIPMENTS }, 'policy'],
    ['an entity with no view at an origin of its tenant', ALICE, { entityRef: 'component:logistics/outside' }, 'origin-not-in-tenant'],
  ])('refuses %s (403)', async (_label, user, body, reason) => {
    const response = await requestToken(backend.url, body, user);
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual(expect.objectContaining(denied(body.entityRef, reason)));
  });

  it('issues a token for an entity with one view at an origin of its tenant', async () => {
    const response = await requestToken(backend.url, { entityRef: 'component:logistics/mixed' }, ALICE);
    expect(response.status).toBe(200);
  });

  it('issues the tenants a user may enter by condition', async () => {
    expect((await requestToken(backend.url, { entityRef: ORDERS, tenant: 'commerce' }, BOB)).status).toBe(200);
  });

  it('answers 404 before telling anything about the tenant of an entity hidden from the user', async () => {
    const response = await requestToken(backend.url, { entityRef: 'component:default/private', tenant: 'logistics' }, BOB);
    expect(response.status).toBe(404);
  });

  it('passes a failing policy on as an error', async () => {
    expect((await requestToken(backend.url, { entityRef: ORDERS }, ERIN)).status).toBe(500);
  });

  it.each([
    [{ entityRef: ORDERS, tenant: 'Commerce' }, 'tenant is not a tenant id'],
    [{ entityRef: ORDERS, tenant: 7 }, 'tenant is not a tenant id'],
    [{ entityRef: ORDERS, purpose: 'steal' }, 'purpose must be "open" or "refresh"'],
    [{ entityRef: ORDERS, subjectToken: 42 }, 'subjectToken must be a non-empty string'],
    [{ entityRef: ORDERS, subjectToken: '' }, 'subjectToken must be a non-empty string'],
    [{ entityRef: ORDERS, subjectToken: 'x'.repeat(16 * 1024 + 1) }, 'subjectToken is longer than 16384 bytes'],
  ])('refuses the malformed request %#: %s (400)', async (body, message) => {
    const response = await requestToken(backend.url, body, ALICE);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual(expect.objectContaining({ name: 'InputError', message }));
  });

  it('accepts a refresh, and a subject token up to 16 KB (which the plugin’s own signer ignores)', async () => {
    const body = { entityRef: ORDERS, purpose: 'refresh', subjectToken: 'x'.repeat(16 * 1024) };
    const response = await requestToken(backend.url, body, ALICE);
    expect(response.status).toBe(200);
    expect(JSON.stringify(await claimsOf(backend.url, response.body.token, ORDERS))).not.toContain('xxxxxxxx');
  });
});

describe('micro app tokens with tenants, open to every signed-in user', () => {
  it('are issued in every tenant, still only for the tenant named', () =>
    withTenantBackend(TENANTS_OPEN_TO_EVERY_SIGNED_IN_USER, async url => {
      expect((await requestToken(url, { entityRef: SHIPMENTS }, CAROL)).body.tenant).toBe('logistics');
      expect((await requestToken(url, { entityRef: SHIPMENTS, tenant: 'commerce' }, CAROL)).status).toBe(403);
    }));
});

describe('micro app tokens without tenants', () => {
  it('carry no tenant claim, and ignore a tenant named', () =>
    withTenantBackend(PERMISSION_FRAMEWORK_WITHOUT_TENANTS, async url => {
      const response = await requestToken(url, { entityRef: SHIPMENTS, tenant: 'commerce' }, CAROL);
      expect(response.status).toBe(200);
      expect(response.body.tenant).toBeUndefined();
      expect((await claimsOf(url, response.body.token, SHIPMENTS)).tenant).toBeUndefined();
      // The tenant narrowing is a tenant's: without tenants, the global allowlist alone applies.
      expect((await requestToken(url, { entityRef: 'component:logistics/outside' }, CAROL)).status).toBe(200);
    }));
});
