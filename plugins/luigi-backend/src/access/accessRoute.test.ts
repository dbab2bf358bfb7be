import { mockCredentials } from '@backstage/backend-test-utils';
import { policyAllowing } from '../testing/policyAllowing';
import { startLuigiTestBackend, stopTestBackend, type TestBackend } from '../testing/testBackend';

const ORDERS = 'component:default/orders';
const BILLING = 'component:default/billing';

/** Alice may open micro frontends, bob may not; everything else is allowed. */
const aliceOnlyPolicy = policyAllowing('alice-only', ['user:default/alice']);

type Backend = TestBackend;

const start = startLuigiTestBackend;

const stop = stopTestBackend;

async function decisions(url: string, entityRefs: unknown, authorization?: string) {
  const response = await fetch(`${url}/api/luigi/access/decisions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ entityRefs }),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

describe('access decisions on the permission framework', () => {
  let backend: Backend;
  let url: string;

  beforeAll(async () => {
    ({ backend, url } = await start({ permission: { enabled: true } }, [
      import('@backstage/plugin-permission-backend'),
      aliceOnlyPolicy,
    ]));
  });

  afterAll(async () => {
    await stop(backend);
  });

  it("decides per user, by the app's policy through the permission backend", async () => {
    const asAlice = await decisions(url, [ORDERS, BILLING], mockCredentials.user.header('user:default/alice'));
    expect(asAlice).toEqual({
      status: 200,
      body: {
        mode: 'permission-framework',
        decisions: [
          { entityRef: ORDERS, result: 'allow' },
          { entityRef: BILLING, result: 'allow' },
        ],
      },
    });
    const asBob = await decisions(url, [ORDERS, BILLING], mockCredentials.user.header('user:default/bob'));
    expect(asBob.body.decisions).toEqual([
      { entityRef: ORDERS, result: 'deny', reason: 'policy' },
      { entityRef: BILLING, result: 'deny', reason: 'policy' },
    ]);
  });

  it('answers only a signed-in user', async () => {
    // The route refuses anonymous and invalid callers itself (after recording them), and a service.
    for (const authorization of [undefined, mockCredentials.user.invalidHeader()]) {
      expect((await decisions(url, [ORDERS], authorization)).status).toBe(401);
    }
    const asService = await decisions(url, [ORDERS], mockCredentials.service.header());
    expect(asService.status).toBe(403);
    expect(asService.body.decisions).toBeUndefined();
  });

  it('decides a catalog of thousands of micro apps in one request', async () => {
    const refs = Array.from({ length: 2500 }, (_, i) => `component:default/generated-app-${String(i).padStart(5, '0')}`);
    const answer = await decisions(url, refs, mockCredentials.user.header('user:default/alice'));
    expect(answer.status).toBe(200);
    expect(answer.body.decisions).toHaveLength(2500);
    expect(answer.body.decisions.map((d: { entityRef: string }) => d.entityRef)).toEqual(refs);
    expect(answer.body.decisions.every((d: { result: string }) => d.result === 'allow')).toBe(true);
  });

  it('refuses a malformed request, naming the bad ref by its index only', async () => {
    const response = await decisions(url, ['orders'], mockCredentials.user.header('user:default/alice'));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/entityRefs\[0\] is not an entity ref/);
    const invalid = await decisions(url, [ORDERS, 'component:default/Ord ers!'], mockCredentials.user.header('user:default/alice'));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toBe('entityRefs[1] is not an entity ref');
  });

  it('lists the permissions and the tenant rule in its permission metadata, for RBAC tools', async () => {
    const response = await fetch(`${url}/api/luigi/.well-known/backstage/permissions/metadata`, {
      headers: { authorization: mockCredentials.service.header() },
    });
    const metadata = await response.json();
    // luigi.micro-frontend.open is listed by the catalog module, with the catalog's rules.
    expect(metadata.permissions).toEqual([
      { type: 'resource', name: 'luigi.tenant.enter', attributes: {}, resourceType: 'luigi-tenant' },
      { type: 'basic', name: 'luigi.admin.read', attributes: { action: 'read' } },
      { type: 'basic', name: 'luigi.access-request.decide', attributes: { action: 'update' } },
    ]);
    expect(metadata.rules).toEqual([
      {
        name: 'IS_TENANT',
        description: expect.any(String),
        resourceType: 'luigi-tenant',
        paramsSchema: expect.objectContaining({
          type: 'object',
          properties: { tenantIds: expect.objectContaining({ type: 'array', items: { type: 'string' } }) },
          required: ['tenantIds'],
        }),
      },
    ]);
  });
});

describe('access decisions without the permission framework', () => {
  it('deny every micro frontend by default', async () => {
    const { backend, url } = await start({});
    try {
      const response = await decisions(url, [ORDERS], mockCredentials.user.header('user:default/alice'));
      expect(response.body).toEqual({
        mode: 'closed',
        decisions: [{ entityRef: ORDERS, result: 'deny', reason: 'permission-framework-disabled' }],
      });
    } finally {
      await stop(backend);
    }
  });

  it('allow every micro frontend when app-config explicitly says so', async () => {
    const { backend, url } = await start({ luigi: { access: { openToEverySignedInUser: true } } });
    try {
      const response = await decisions(url, [ORDERS], mockCredentials.user.header('user:default/alice'));
      expect(response.body).toEqual({
        mode: 'open-to-every-signed-in-user',
        decisions: [{ entityRef: ORDERS, result: 'allow' }],
      });
    } finally {
      await stop(backend);
    }
  });
});
