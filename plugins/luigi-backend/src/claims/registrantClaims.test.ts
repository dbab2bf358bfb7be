// The attacks of a registrant who claims what belongs to another team, tried as bob would try them:
// with nothing but his own Backstage token and an entity he registers in the catalog. The real
// catalog backend (with the luigi catalog module), the real permission backend with an owner-based
// policy the catalog resolves, and the luigi plugin, in one test backend.
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import catalogModuleLuigiRegistrations from '../catalog';
import luigiPlugin from '../index';
import { onBehalfOfHttpAuth } from '../testing/onBehalfOfHttpAuth';
import { permissionPolicyModule } from '../testing/policyAllowing';
import { stopTestBackend, TestBackend, urlOf } from '../testing/testBackend';

jest.setTimeout(90_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const ORDERS_URL_AUDIENCE = 'https://apps.example.com/orders';

const component = (namespace: string, name: string, owner: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { namespace, name, annotations: { 'luigi-project.io/view-url': `https://apps.example.com/${name}/`, ...annotations } },
  spec: { type: 'website', lifecycle: 'production', owner },
});

/** Two teams' apps, bob's honest app, and bob's attacks. */
const ENTITIES = [
  component('default', 'orders', 'group:default/team-orders', {}),
  component('default', 'payments', 'group:default/team-payments', { 'luigi-project.io/token-audience': ORDERS_URL_AUDIENCE.replace('orders', 'payments') }),
  component('logistics', 'shipments', 'group:logistics/team-shipping', {}),
  component('default', 'billing', 'group:default/team-billing', {}),
  // Claims Orders' default audience (its entity ref).
  component('default', 'bobs-orders', 'group:default/team-billing', { 'luigi-project.io/token-audience': 'component:default/orders' }),
  // Claims the audience the admin assigned Orders.
  component('default', 'bobs-orders-url', 'group:default/team-billing', { 'luigi-project.io/token-audience': ORDERS_URL_AUDIENCE }),
  // Claims the logistics tenant and Shipments' audience, from the default namespace.
  component('default', 'bobs-shipments', 'group:default/team-billing', {
    'luigi-project.io/tenant': 'logistics',
    'luigi-project.io/token-audience': 'component:logistics/shipments',
  }),
  // Claims only the tenant.
  component('default', 'bobs-logistics', 'group:default/team-billing', { 'luigi-project.io/tenant': 'logistics' }),
];

const CONFIG = {
  permission: { enabled: true },
  luigi: {
    allowedOrigins: ['https://apps.example.com'],
    tokens: { audiences: [{ entityRef: 'component:default/orders', audience: ORDERS_URL_AUDIENCE }] },
    tenants: [
      { id: 'commerce', namespaces: ['default'] },
      { id: 'logistics', namespaces: ['logistics'] },
    ],
  },
};

/** Alice is a platform admin; bob is in team-billing. */
const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef;
      const group = userEntityRef === ALICE ? 'group:default/platform-admins' : 'group:default/team-billing';
      return { userEntityRef, ownershipEntityRefs: [userEntityRef, group] };
    },
  }),
});

/** The dev portal's rule: admins open everything; everyone else the apps of what they own. Tenants: all. */
const ownerPolicy = permissionPolicyModule('owners', {
  async handle(request, user) {
    const ownership = user?.info.ownershipEntityRefs ?? [];
    if (ownership.includes('group:default/platform-admins')) return { result: AuthorizeResult.ALLOW };
    if (isPermission(request.permission, luigiMicroFrontendOpenPermission)) {
      return createCatalogConditionalDecision(request.permission, catalogConditions.isEntityOwner({ claims: [...ownership] }));
    }
    return { result: AuthorizeResult.ALLOW };
  },
});

let dir: string;
let backend: TestBackend;
let url: string;

async function requestToken(entityRef: string, user: string) {
  const response = await fetch(`${url}/api/luigi/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: mockCredentials.user.header(user) },
    body: JSON.stringify({ entityRef }),
  });
  return { status: response.status, body: await response.json() };
}

/** The check the README tells a micro app's backend to make: issuer, signature via the JWKS, audience, tenant. */
async function acceptedBy(token: string, audience: string, tenant: string) {
  const jwks = createLocalJWKSet(await (await fetch(`${url}/api/luigi/.well-known/jwks.json`)).json());
  const { payload } = await jwtVerify(token, jwks, { issuer: `${url}/api/luigi`, audience });
  if (payload.tenant !== tenant) throw new Error(`tenant ${payload.tenant} is not ${tenant}`);
  return payload;
}

async function problemsOf(namespace: string, name: string): Promise<string[]> {
  const response = await fetch(`${url}/api/catalog/entities/by-name/component/${namespace}/${name}`, {
    headers: { authorization: mockCredentials.user.header(ALICE) },
  });
  if (response.status !== 200) return ['(not in the catalog yet)'];
  const entity = await response.json();
  return (entity.status?.items ?? []).map((item: any) => item.error?.message);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luigi-claims-'));
  writeFileSync(join(dir, 'catalog.yaml'), ENTITIES.map(entity => stringify(entity)).join('---\n'));
  backend = await startTestBackend({
    features: [
      luigiPlugin,
      import('@backstage/plugin-catalog-backend'),
      catalogModuleLuigiRegistrations,
      import('@backstage/plugin-permission-backend'),
      ownerPolicy,
      userInfo,
      onBehalfOfHttpAuth,
      mockServices.rootConfig.factory({
        data: {
          ...CONFIG,
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [{ allow: ['Component', 'Location'] }],
            locations: [{ type: 'file', target: join(dir, 'catalog.yaml') }],
          },
        },
      }),
    ],
  });
  url = urlOf(backend);
  // Processed entities have their status; wait for the last one of the file.
  const deadline = Date.now() + 60_000;
  while ((await problemsOf('default', 'bobs-logistics'))[0] === '(not in the catalog yet)') {
    if (Date.now() > deadline) throw new Error('the catalog did not process the entities in time');
    await new Promise(resolve => setTimeout(resolve, 250));
  }
});

afterAll(async () => {
  if (backend) await stopTestBackend(backend);
  rmSync(dir, { recursive: true, force: true });
});

describe('a registrant claiming what belongs to another team', () => {
  it('bob gets tokens for what he owns, and none for Orders: the policy works (the control)', async () => {
    const own = await requestToken('component:default/billing', BOB);
    expect(own.status).toBe(200);
    await acceptedBy(own.body.token, 'component:default/billing', 'commerce');
    expect((await requestToken('component:default/orders', BOB)).status).toBe(403);
  });

  it.each([
    ['bobs-orders', /"component:default\/orders" belongs to component:default\/orders/],
    ['bobs-orders-url', /"https:\/\/apps\.example\.com\/orders" belongs to component:default\/orders/],
  ])("%s, claiming Orders' audience, gets no token at all", async (name, reason) => {
    const answer = await requestToken(`component:default/${name}`, BOB);
    expect(answer.status).toBe(403);
    expect(answer.body.token).toBeUndefined();
    expect(answer.body.error.message).toMatch(reason);
  });

  it("bobs-shipments, claiming the logistics tenant and Shipments' audience, gets no token at all", async () => {
    const answer = await requestToken('component:default/bobs-shipments', BOB);
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toMatch(/belongs to component:logistics\/shipments/);
    expect(answer.body.error.message).toMatch(/luigi-project\.io\/tenant: .*namespace default is in tenant commerce/);
    // Not even for the tenant it names: the entity is in commerce, whatever it says.
    const named = await fetch(`${url}/api/luigi/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: mockCredentials.user.header(BOB) },
      body: JSON.stringify({ entityRef: 'component:default/bobs-shipments', tenant: 'logistics' }),
    });
    expect(named.status).toBe(403);
  });

  it('bobs-logistics, claiming only the tenant, is refused too and never placed in logistics', async () => {
    const answer = await requestToken('component:default/bobs-logistics', BOB);
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toMatch(/luigi-project\.io\/tenant/);
  });

  it('the apps whose audiences were claimed still get theirs, from the admin', async () => {
    const orders = await requestToken('component:default/orders', ALICE);
    expect(orders.status).toBe(200);
    expect((await acceptedBy(orders.body.token, ORDERS_URL_AUDIENCE, 'commerce')).app).toBe('component:default/orders');
    const shipments = await requestToken('component:logistics/shipments', ALICE);
    await acceptedBy(shipments.body.token, 'component:logistics/shipments', 'logistics');
    // An audience no admin assigned is refused even for the entity that names it.
    expect((await requestToken('component:default/payments', ALICE)).status).toBe(403);
  });

  it('the catalog module says why on each claiming entity, and nothing on the honest ones', async () => {
    expect(await problemsOf('default', 'bobs-orders')).toEqual([
      expect.stringMatching(/luigi-project\.io\/token-audience: .*belongs to component:default\/orders/),
    ]);
    expect(await problemsOf('default', 'bobs-shipments')).toEqual([
      expect.stringMatching(/luigi-project\.io\/token-audience: .*belongs to component:logistics\/shipments/),
      expect.stringMatching(/luigi-project\.io\/tenant: .*namespace default is in tenant commerce/),
    ]);
    expect(await problemsOf('default', 'payments')).toEqual([expect.stringMatching(/is not assigned to component:default\/payments/)]);
    expect(await problemsOf('default', 'orders')).toEqual([]);
    expect(await problemsOf('logistics', 'shipments')).toEqual([]);
  });
});
