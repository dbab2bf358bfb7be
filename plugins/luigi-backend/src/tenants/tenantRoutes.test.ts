import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { luigiTenantEnterPermission } from 'backstage-plugin-luigi-common';
import { permissionPolicyModule } from '../testing/policyAllowing';
import { startLuigiTestBackend, testBackendForSuite } from '../testing/testBackend';
import {
  ALICE,
  as,
  BOB,
  CAROL,
  DAVE,
  ERIN,
  get,
  post,
  tenantBackendForSuite,
  TENANTS_CONFIG,
  TENANTS_ON_PERMISSION_FRAMEWORK,
  TENANTS_OPEN_TO_EVERY_SIGNED_IN_USER,
  tenantTestCatalog,
  tenantTestUserInfo,
  withTenantBackend,
} from '../testing/tenantFixtures';

jest.setTimeout(60_000);

const COMMERCE = { id: 'commerce', title: 'Commerce' };
const LOGISTICS = { id: 'logistics', title: 'Logistics' };
// A tenant without a title is shown by its id.
const RETAIL = { id: 'retail', title: 'retail' };

const enter = (url: string, body: unknown, user?: string) =>
  post(url, '/tenants/enter', body, user ? as(user) : undefined);

describe('tenants on the permission framework', () => {
  const backend = tenantBackendForSuite();

  // The policy answers ALLOW (alice), CONDITIONAL IS_TENANT resolved by this plugin's
  // apply-conditions (bob, dave), or DENY (carol); an unknown tenant is asked about too, then refused.
  it.each([
    [ALICE, [COMMERCE, LOGISTICS, RETAIL]],
    [BOB, [COMMERCE]],
    [DAVE, [COMMERCE, LOGISTICS]],
    [CAROL, []],
  ])('lists the tenants %s may enter, in config order', async (user, tenants) => {
    expect(await get(backend.url, '/tenants', as(user))).toEqual({ status: 200, body: { configured: true, tenants } });
  });

  it.each([
    [ALICE, 'commerce', 200],
    [ALICE, 'logistics', 200],
    [ALICE, 'retail', 200],
    [BOB, 'commerce', 200],
    [BOB, 'logistics', 403],
    [BOB, 'retail', 403],
    [DAVE, 'logistics', 200],
    [DAVE, 'retail', 403],
    [CAROL, 'commerce', 403],
    [ALICE, 'atlantis', 403],
    [BOB, 'atlantis', 403],
  ])('lets %s enter %s: %i', async (user, tenant, status) => {
    const response = await enter(backend.url, { tenant, from: 'commerce' }, user);
    expect(response.status).toBe(status);
    if (status === 200) {
      expect(response.body).toEqual({ tenant: [COMMERCE, LOGISTICS, RETAIL].find(t => t.id === tenant) });
    } else {
      // The same answer for a tenant that does not exist and one the user may not enter.
      expect(response.body.error).toEqual(
        expect.objectContaining({ name: 'NotAllowedError', message: 'You may not enter this tenant' }),
      );
    }
  });

  it('passes a failing policy on as an error, never as a decision', async () => {
    expect((await get(backend.url, '/tenants', as(ERIN))).status).toBe(500);
    const response = await enter(backend.url, { tenant: 'commerce' }, ERIN);
    expect(response.status).toBe(500);
    expect(response.body.tenant).toBeUndefined();
  });

  it.each([
    [{}, 'Expected a JSON body with a tenant string'],
    [{ tenant: 42 }, 'tenant is not a tenant id'],
    [{ tenant: 'Commerce' }, 'tenant is not a tenant id'],
    [{ tenant: 'commerce', from: '../x' }, 'from is not a tenant id'],
  ])('refuses the malformed request %j (400)', async (body, message) => {
    const response = await enter(backend.url, body, ALICE);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual(expect.objectContaining({ name: 'InputError', message }));
  });

  it('answers only a signed-in user', async () => {
    for (const authorization of [undefined, mockCredentials.user.invalidHeader()]) {
      expect((await get(backend.url, '/tenants', authorization)).status).toBe(401);
      expect((await post(backend.url, '/tenants/enter', { tenant: 'commerce' }, authorization)).status).toBe(401);
    }
    expect((await get(backend.url, '/tenants', mockCredentials.service.header())).status).toBe(403);
    expect((await post(backend.url, '/tenants/enter', { tenant: 'commerce' }, mockCredentials.service.header())).status).toBe(403);
  });
});

describe('tenants without the permission framework', () => {
  it('are closed to everybody by default', () =>
    withTenantBackend({ luigi: TENANTS_CONFIG }, async url => {
      expect(await get(url, '/tenants', as(ALICE))).toEqual({ status: 200, body: { configured: true, tenants: [] } });
      expect((await enter(url, { tenant: 'commerce' }, ALICE)).status).toBe(403);
    }));

  it('are open to every signed-in user when app-config opens micro frontends to them', () =>
    withTenantBackend(TENANTS_OPEN_TO_EVERY_SIGNED_IN_USER, async url => {
      expect((await get(url, '/tenants', as(CAROL))).body).toEqual({ configured: true, tenants: [COMMERCE, LOGISTICS, RETAIL] });
      expect(await enter(url, { tenant: 'retail' }, CAROL)).toEqual({ status: 200, body: { tenant: RETAIL } });
      expect((await enter(url, { tenant: 'atlantis' }, CAROL)).status).toBe(403);
    }));
});

describe('without tenants configured', () => {
  it('says so, and no tenant can be entered', () =>
    withTenantBackend({ permission: { enabled: true } }, async url => {
      expect(await get(url, '/tenants', as(ALICE))).toEqual({ status: 200, body: { configured: false, tenants: [] } });
      expect((await enter(url, { tenant: 'commerce' }, ALICE)).status).toBe(403);
    }));
});

describe('a tenant that does not exist and one the user may not enter', () => {
  /** The users the policy was asked about, one entry per `luigi.tenant.enter` decision. */
  const asked: string[] = [];
  const refuseEveryTenant = permissionPolicyModule('refuse-every-tenant', {
    async handle(request, user) {
      if (!isPermission(request.permission, luigiTenantEnterPermission)) return { result: AuthorizeResult.ALLOW };
      asked.push(user?.info.userEntityRef ?? '');
      return { result: AuthorizeResult.DENY };
    },
  });
  const backend = testBackendForSuite(() =>
    startLuigiTestBackend(TENANTS_ON_PERMISSION_FRAMEWORK, [
      tenantTestCatalog,
      tenantTestUserInfo,
      import('@backstage/plugin-permission-backend'),
      refuseEveryTenant,
    ]),
  );

  beforeEach(() => {
    asked.length = 0;
  });

  it('get the same answer, decided the same way: the policy is asked about both', async () => {
    const refused = await enter(backend.url, { tenant: 'logistics' }, BOB);
    const unknown = await enter(backend.url, { tenant: 'atlantis' }, BOB);
    expect(refused.status).toBe(403);
    expect(unknown).toEqual(refused);
    // The unknown tenant costs the same permission round trip as the refused one: no timing oracle.
    expect(asked).toEqual([BOB, BOB]);
  });
});
