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
import { CLAIM_CASES, CLAIM_CONFIG, CLAIMED_APPS, ORDERS_AUDIENCE } from 'backstage-plugin-luigi-common/src/testing/claimingEntities';
import luigiPlugin from '../index';
import { onBehalfOfHttpAuth } from '../testing/onBehalfOfHttpAuth';
import { permissionPolicyModule } from '../testing/policyAllowing';
import { stopTestBackend, TestBackend, urlOf, withKeyEncryptionSecret } from '../testing/testBackend';

jest.setTimeout(90_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

/** The apps whose audiences and tenant are claimed, and bob's claims (the corpus). */
const ENTITIES = [...CLAIMED_APPS, ...CLAIM_CASES.map(item => item.entity)];

const CONFIG = withKeyEncryptionSecret({ permission: { enabled: true }, luigi: CLAIM_CONFIG });

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

/** The check docs/micro-app-authors.md tells a micro app's backend to make: issuer, signature via the JWKS, audience, tenant. */
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
  const last = ENTITIES[ENTITIES.length - 1].metadata;
  while ((await problemsOf(last.namespace, last.name))[0] === '(not in the catalog yet)') {
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

  it.each(CLAIM_CASES.map(item => [item.name, item.tests, item] as const))(
    'bob gets no token for %s (%s), and its entity page says why',
    async (name, _tests, item) => {
      const answer = await requestToken(`component:default/${name}`, BOB);
      expect(answer.status).toBe(403);
      expect(answer.body.token).toBeUndefined();
      item.reasons.forEach(reason => expect(answer.body.error.message).toContain(reason));
      const problems = await problemsOf('default', name);
      expect(problems).toHaveLength(item.annotations.length);
      problems.forEach((problem, index) => {
        expect(problem).toContain(item.annotations[index]);
        expect(problem).toContain(item.reasons[index]);
      });
    },
  );

  it("not even for the tenant it names: Shipments' tenant and audience stay out of reach", async () => {
    const named = await fetch(`${url}/api/luigi/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: mockCredentials.user.header(BOB) },
      body: JSON.stringify({ entityRef: 'component:default/claims-shipments', tenant: 'logistics' }),
    });
    expect(named.status).toBe(403);
    expect(await named.text()).not.toMatch(/"token"/);
  });

  it('the apps whose audiences and tenant were claimed still get theirs, from the admin, and show no problem', async () => {
    const orders = await requestToken('component:default/orders', ALICE);
    expect(orders.status).toBe(200);
    expect((await acceptedBy(orders.body.token, ORDERS_AUDIENCE, 'commerce')).app).toBe('component:default/orders');
    const shipments = await requestToken('component:logistics/shipments', ALICE);
    await acceptedBy(shipments.body.token, 'component:logistics/shipments', 'logistics');
    for (const app of CLAIMED_APPS) expect(await problemsOf(app.metadata.namespace, app.metadata.name)).toEqual([]);
  });
});
