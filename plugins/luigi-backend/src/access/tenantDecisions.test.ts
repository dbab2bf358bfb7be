import {
  ALICE,
  as,
  BOB,
  CAROL,
  catalogCalls,
  DAVE,
  ERIN,
  PERMISSION_FRAMEWORK_WITHOUT_TENANTS,
  post,
  tenantBackendForSuite,
  TENANTS_CONFIG,
  TENANTS_OPEN_TO_EVERY_SIGNED_IN_USER,
  withTenantBackend,
} from '../testing/tenantFixtures';

jest.setTimeout(60_000);

const ORDERS = 'component:default/orders';
const SHIPMENTS = 'component:logistics/shipments';
const OUTSIDE = 'component:logistics/outside';
const MIXED = 'component:logistics/mixed';
const RELOCATED = 'component:default/relocated';
const STRAY = 'component:default/stray';
const LEDGER = 'component:payments/ledger';
const TILL = 'component:retail/till';
const PRIVATE = 'component:default/private';
const NOPE = 'component:default/nope';
const ALL = [ORDERS, SHIPMENTS, OUTSIDE, MIXED, RELOCATED, STRAY, LEDGER, TILL, PRIVATE, NOPE];

const decide = (url: string, body: unknown, user: string) => post(url, '/access/decisions', body, as(user));
const allow = (entityRef: string, tenant: string) => ({ entityRef, result: 'allow', tenant });
const deny = (entityRef: string, reason: string) => ({ entityRef, result: 'deny', reason });

describe('access decisions with tenants, on the permission framework', () => {
  const backend = tenantBackendForSuite();

  it('decides each entity in its own tenant when no tenant is named', async () => {
    const response = await decide(backend.url, { entityRefs: ALL }, ALICE);
    expect(response).toEqual({
      status: 200,
      body: {
        mode: 'permission-framework',
        decisions: [
          allow(ORDERS, 'commerce'),
          allow(SHIPMENTS, 'logistics'),
          // Logistics narrows the allowlist to https://apps.example.com: outside has no view there.
          deny(OUTSIDE, 'origin-not-in-tenant'),
          // One view there is enough, as with the global allowlist.
          allow(MIXED, 'logistics'),
          // The namespace decides, never the tenant annotation (the token route refuses the claim).
          allow(RELOCATED, 'commerce'),
          allow(STRAY, 'commerce'),
          deny(LEDGER, 'no-tenant'),
          allow(TILL, 'retail'),
          allow(PRIVATE, 'commerce'),
          // An entity the catalog does not have is in no tenant.
          deny(NOPE, 'no-tenant'),
        ],
      },
    });
  });

  it('denies the entities of other tenants when a tenant is named', async () => {
    const response = await decide(backend.url, { entityRefs: [ORDERS, SHIPMENTS, RELOCATED, TILL, LEDGER], tenant: 'logistics' }, ALICE);
    expect(response.body.decisions).toEqual([
      deny(ORDERS, 'other-tenant'),
      allow(SHIPMENTS, 'logistics'),
      // Its annotation claims logistics; its namespace is commerce's.
      deny(RELOCATED, 'other-tenant'),
      deny(TILL, 'other-tenant'),
      deny(LEDGER, 'no-tenant'),
    ]);
  });

  it('denies the entities of tenants the user may not enter, by a condition resolved here', async () => {
    // bob enters commerce only (IS_TENANT), and the catalog hides `private` from him.
    expect((await decide(backend.url, { entityRefs: [ORDERS, SHIPMENTS, TILL, PRIVATE] }, BOB)).body.decisions).toEqual([
      allow(ORDERS, 'commerce'),
      deny(SHIPMENTS, 'tenant-denied'),
      deny(TILL, 'tenant-denied'),
      deny(PRIVATE, 'no-tenant'),
    ]);
    expect((await decide(backend.url, { entityRefs: [ORDERS, SHIPMENTS], tenant: 'logistics' }, BOB)).body.decisions).toEqual([
      deny(ORDERS, 'other-tenant'),
      deny(SHIPMENTS, 'tenant-denied'),
    ]);
    expect((await decide(backend.url, { entityRefs: [ORDERS], tenant: 'commerce' }, CAROL)).body.decisions).toEqual([
      deny(ORDERS, 'tenant-denied'),
    ]);
  });

  it("asks the app's policy about the rest: the tenant is one condition, not the whole decision", async () => {
    // dave may enter commerce and logistics, but open no micro frontend.
    expect((await decide(backend.url, { entityRefs: [ORDERS, SHIPMENTS, TILL] }, DAVE)).body.decisions).toEqual([
      deny(ORDERS, 'policy'),
      deny(SHIPMENTS, 'policy'),
      deny(TILL, 'tenant-denied'),
    ]);
  });

  it("reads only the tenant-deciding fields of the entities, with the user's credentials, each user's kept for seconds", async () => {
    const fields = [
      'metadata.namespace',
      'metadata.annotations.luigi-project.io/tenant',
      'metadata.annotations.luigi-project.io/view-url',
      'metadata.annotations.luigi-project.io/views',
    ];
    catalogCalls.length = 0;
    // bob's earlier requests read orders: only the entities not read for him yet are read.
    await decide(backend.url, { entityRefs: [ORDERS, MIXED, RELOCATED] }, BOB);
    expect(catalogCalls).toEqual([
      { method: 'getEntitiesByRefs', request: { entityRefs: [MIXED, RELOCATED], fields }, userEntityRef: BOB },
    ]);
    catalogCalls.length = 0;
    await decide(backend.url, { entityRefs: [MIXED, RELOCATED] }, BOB);
    expect(catalogCalls).toEqual([]);
    // What the catalog showed bob never serves carol.
    await decide(backend.url, { entityRefs: [MIXED] }, CAROL);
    expect(catalogCalls).toEqual([
      { method: 'getEntitiesByRefs', request: { entityRefs: [MIXED], fields }, userEntityRef: CAROL },
    ]);
  });

  it('answers an error, never decisions, when the policy fails', async () => {
    const response = await decide(backend.url, { entityRefs: [ORDERS] }, ERIN);
    expect(response.status).toBe(500);
    expect(response.body.decisions).toBeUndefined();
  });

  it.each([[42], ['Commerce'], ['']])('refuses the malformed tenant %j (400)', async tenant => {
    const response = await decide(backend.url, { entityRefs: [ORDERS], tenant }, ALICE);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('tenant is not a tenant id');
  });

  it('denies everything of a tenant that does not exist', async () => {
    expect((await decide(backend.url, { entityRefs: [ORDERS, LEDGER], tenant: 'atlantis' }, ALICE)).body.decisions).toEqual([
      deny(ORDERS, 'other-tenant'),
      deny(LEDGER, 'no-tenant'),
    ]);
  });
});

describe('access decisions with tenants, without the permission framework', () => {
  it('deny everything by default, without reading the catalog', () =>
    withTenantBackend({ luigi: TENANTS_CONFIG }, async url => {
      catalogCalls.length = 0;
      expect((await decide(url, { entityRefs: [ORDERS, LEDGER] }, ALICE)).body).toEqual({
        mode: 'closed',
        decisions: [deny(ORDERS, 'permission-framework-disabled'), deny(LEDGER, 'permission-framework-disabled')],
      });
      expect(catalogCalls).toEqual([]);
    }));

  it('let every signed-in user into every tenant when app-config opens access, keeping tenants apart', () =>
    withTenantBackend(TENANTS_OPEN_TO_EVERY_SIGNED_IN_USER, async url => {
      const response = await decide(url, { entityRefs: [ORDERS, SHIPMENTS, OUTSIDE, LEDGER], tenant: 'commerce' }, CAROL);
      expect(response.body).toEqual({
        mode: 'open-to-every-signed-in-user',
        decisions: [
          allow(ORDERS, 'commerce'),
          deny(SHIPMENTS, 'other-tenant'),
          deny(OUTSIDE, 'other-tenant'),
          deny(LEDGER, 'no-tenant'),
        ],
      });
    }));
});

describe('access decisions without tenants', () => {
  it('are unchanged: no tenant checks, no tenant on decisions, no catalog read', () =>
    withTenantBackend(PERMISSION_FRAMEWORK_WITHOUT_TENANTS, async url => {
      catalogCalls.length = 0;
      const response = await decide(url, { entityRefs: [ORDERS, LEDGER, NOPE], tenant: 'commerce' }, BOB);
      expect(response.body.decisions).toEqual([
        { entityRef: ORDERS, result: 'allow' },
        { entityRef: LEDGER, result: 'allow' },
        { entityRef: NOPE, result: 'allow' },
      ]);
      expect(catalogCalls).toEqual([]);
    }));
});
