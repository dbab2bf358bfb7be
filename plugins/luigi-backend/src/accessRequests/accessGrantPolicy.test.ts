import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { luigiAccessGrantConditions } from '../catalog/accessGrantRule';
import catalogModuleLuigiRegistrations from '../catalog/index';
import { permissionPolicyModule } from '../testing/policyAllowing';
import { startLuigiTestBackend, testBackendForSuite, userInfoWithGroups } from '../testing/testBackend';

jest.setTimeout(60_000);

const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const ORDERS = 'component:default/orders';
const GROUPS: Record<string, string[]> = { [BOB]: ['group:default/team-billing'], [CAROL]: ['group:default/team-orders'] };

const userInfo = userInfoWithGroups(GROUPS);

/** docs/access.md's way to honour grants in a TypeScript policy: owners, or an active grant. */
const policy: PermissionPolicy = {
  async handle(request, user) {
    if (isPermission(request.permission, luigiMicroFrontendOpenPermission)) {
      return createCatalogConditionalDecision(request.permission, {
        anyOf: [
          catalogConditions.isEntityOwner({ claims: user?.info.ownershipEntityRefs ?? [] }),
          luigiAccessGrantConditions.hasAccessGrant({ userEntityRef: user?.info.userEntityRef ?? '' }),
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  },
};

const dir = mkdtempSync(join(tmpdir(), 'luigi-grants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'catalog.yaml'),
  stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders', annotations: { 'luigi-project.io/view-url': 'https://apps.example.com/orders/' } },
    spec: { type: 'website', lifecycle: 'production', owner: 'team-orders' },
  }),
);

async function call(url: string, method: string, path: string, user: string, body?: unknown) {
  const response = await fetch(`${url}/api/luigi${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: mockCredentials.user.header(user) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

describe('a permission policy that honours access grants, with the catalog resolving its conditions', () => {
  const backend = testBackendForSuite(() =>
    startLuigiTestBackend(
      {
        permission: { enabled: true },
        luigi: { allowedOrigins: ['https://apps.example.com'], accessRequests: { enabled: true, durationsMinutes: [60] } },
        catalog: {
          processingInterval: { seconds: 1 },
          rules: [{ allow: ['Component', 'Location'] }],
          locations: [{ type: 'file', target: join(dir, 'catalog.yaml') }],
        },
      },
      [
        import('@backstage/plugin-catalog-backend'),
        catalogModuleLuigiRegistrations,
        import('@backstage/plugin-permission-backend'),
        permissionPolicyModule('grants', policy),
        userInfo,
      ],
    ),
  );

  const decision = async (user: string) => (await call(backend.url, 'POST', '/access/decisions', user, { entityRefs: [ORDERS] })).body?.decisions?.[0]?.result;

  /** Polls bob's decision until it is `expected`; answers how long that took, in milliseconds. */
  async function bobsDecisionBecomes(expected: string) {
    const started = Date.now();
    while (Date.now() - started < 20_000) {
      if ((await decision(BOB)) === expected) return Date.now() - started;
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error(`bob's decision did not become ${expected}`);
  }

  it('opens the app to bob once the owner approves, and closes it again when the grant is revoked', async () => {
    // The catalog has the app once the owner's decision allows it.
    const until = Date.now() + 20_000;
    while ((await decision(CAROL)) !== 'allow' && Date.now() < until) await new Promise(r => setTimeout(r, 250));
    expect(await decision(CAROL)).toBe('allow');
    expect(await decision(BOB)).toBe('deny');

    const asked = await call(backend.url, 'POST', '/access-requests', BOB, { entityRef: ORDERS, durationMinutes: 60 });
    expect(asked.status).toBe(201);
    expect(await decision(BOB)).toBe('deny');
    const approved = await call(backend.url, 'POST', `/access-requests/${asked.body.id}/decision`, CAROL, { decision: 'approve' });
    expect(approved.body.state).toBe('approved');
    expect(await bobsDecisionBecomes('allow')).toBeLessThan(10_000);

    // With a grant, asking again is refused: bob may open it already.
    expect((await call(backend.url, 'POST', '/access-requests', BOB, { entityRef: ORDERS, durationMinutes: 60 })).status).toBe(409);

    const revoked = await call(backend.url, 'POST', `/access-grants/${approved.body.grant.id}/revoke`, CAROL);
    expect(revoked.status).toBe(200);
    expect(await bobsDecisionBecomes('deny')).toBeLessThan(10_000);
  });
});
