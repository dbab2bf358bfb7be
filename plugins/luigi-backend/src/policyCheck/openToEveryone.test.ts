import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { JsonObject } from '@backstage/types';
import { luigiAdminReadPermission, luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';
import { permissionPolicyModule } from '../testing/policyAllowing';
import { recordingAuditor } from '../testing/recordingAuditor';
import { recordingRootLogger } from '../testing/recordingLogger';
import { startLuigiTestBackend, stopTestBackend, TestBackend, userInfoWithGroups } from '../testing/testBackend';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const GUEST = 'user:default/guest';
const ORDERS = 'component:default/orders';
const as = (user: string) => mockCredentials.user.header(user);

/** Who belongs to which group, as the dev portal's catalog has it; everybody else to none. */
const GROUPS: Record<string, string[]> = {
  [ALICE]: ['group:default/platform-admins'],
  [BOB]: ['group:default/team-billing'],
};

/** The userInfo service the permission backend gives the policy, and the plugin reads, with {@link GROUPS}. */
const userInfo = userInfoWithGroups(GROUPS);

const allowEverything: PermissionPolicy = { handle: async () => ({ result: AuthorizeResult.ALLOW }) };

/** As `@backstage/plugin-permission-backend-module-allow-all-policy` registers itself (module id and policy). */
const allowAllPolicyModule = permissionPolicyModule('allow-all-policy', allowEverything);

/** A policy of the app's own that allows opening micro apps to everybody, and the admin permission to alice only. */
const unconditionalPolicyModule = permissionPolicyModule('portal-policy', {
  async handle(request, user) {
    if (isPermission(request.permission, luigiAdminReadPermission)) {
      return { result: user?.info.userEntityRef === ALICE ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  },
});

/** The dev portal's policy: platform admins by group ALLOW, everybody else the entities they own (CONDITIONAL). */
const devPortalPolicyModule = permissionPolicyModule('dev-portal-policy', {
  async handle(request, user) {
    if (isPermission(request.permission, luigiMicroFrontendOpenPermission)) {
      const ownership = user?.info.ownershipEntityRefs ?? [];
      if (ownership.includes('group:default/platform-admins')) return { result: AuthorizeResult.ALLOW };
      return createCatalogConditionalDecision(request.permission, catalogConditions.isEntityOwner({ claims: ownership }));
    }
    return { result: AuthorizeResult.ALLOW };
  },
});

interface Started {
  backend: TestBackend;
  url: string;
  auditor: ReturnType<typeof recordingAuditor>;
  logs: ReturnType<typeof recordingRootLogger>;
}

const running: TestBackend[] = [];

async function start(policy: ReturnType<typeof permissionPolicyModule>, config: JsonObject = {}): Promise<Started> {
  const auditor = recordingAuditor();
  const logs = recordingRootLogger();
  const luigi = { allowedOrigins: ['https://apps.example.com'], ...(config.luigi as JsonObject | undefined) };
  const { backend, url } = await startLuigiTestBackend({ permission: { enabled: true }, ...config, luigi }, [
    import('@backstage/plugin-permission-backend'),
    policy,
    userInfo,
    auditor.factory,
    logs.factory,
  ]);
  running.push(backend);
  return { backend, url, auditor, logs };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map(stopTestBackend));
});

async function decide(url: string, user: string) {
  const response = await fetch(`${url}/api/luigi/access/decisions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: as(user) },
    body: JSON.stringify({ entityRefs: [ORDERS] }),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

async function adminWarnings(url: string, authorization?: string) {
  const response = await fetch(`${url}/api/luigi/admin/warnings`, { headers: authorization ? { authorization } : {} });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

const policyEvents = (started: Started) =>
  started.auditor.finished().filter(event => event.eventId === 'policy-open-to-everyone');
const policyWarnLines = (started: Started) =>
  started.logs.of('luigi', 'warn').filter(line => /Everybody may open every micro app/.test(line.message));

describe('a policy that lets everybody open every micro app', () => {
  it('is found at startup when the allow-all policy module is installed: warn log with the fix, audit event, page warning', async () => {
    const started = await start(allowAllPolicyModule);
    const [line, ...more] = policyWarnLines(started);
    expect(more).toEqual([]);
    expect(line.message).toMatch(/the allow-all permission policy is installed/);
    expect(line.message).toMatch(/Fix: Remove the backend\.add line of @backstage\/plugin-permission-backend-module-allow-all-policy/);
    expect(line.message).toMatch(/When the policy lets everybody in/);
    expect(line.message).toMatch(/luigi\.access\.policyAllowsEveryoneOnPurpose: true/);
    expect(policyEvents(started)).toEqual([
      expect.objectContaining({
        plugin: 'luigi',
        severityLevel: 'high',
        status: 'succeeded',
        meta: {
          signal: 'allow-all-module',
          permission: 'luigi.micro-frontend.open',
          onPurpose: false,
          fix: expect.stringMatching(/^Remove the allow-all-policy module/),
        },
      }),
    ]);
    // Everybody is an admin by accident under this policy, so everybody is shown the warning.
    for (const user of [ALICE, GUEST]) {
      const answer = await adminWarnings(started.url, as(user));
      expect(answer.status).toBe(200);
      expect(answer.body.warnings).toEqual([
        expect.objectContaining({ id: 'allow-all-module', fix: expect.stringMatching(/^Remove the backend\.add line/) }),
      ]);
    }
  });

  it('is found at run time when the policy allows a user in no group unconditionally, once per replica and hour', async () => {
    const started = await start(unconditionalPolicyModule);
    expect(policyWarnLines(started)).toEqual([]);
    expect((await adminWarnings(started.url, as(ALICE))).body).toEqual({ warnings: [] });

    // Alice is in a group: her ALLOW says nothing about everybody.
    expect((await decide(started.url, ALICE)).body.decisions).toEqual([{ entityRef: ORDERS, result: 'allow' }]);
    expect(policyEvents(started)).toEqual([]);

    // The guest belongs to no group and is allowed all the same.
    expect((await decide(started.url, GUEST)).body.decisions).toEqual([{ entityRef: ORDERS, result: 'allow' }]);
    const [line, ...more] = policyWarnLines(started);
    expect(more).toEqual([]);
    expect(line.message).toMatch(/allowed user:default\/guest, who belongs to no group/);
    expect(line.message).toMatch(/Fix: Grant luigi\.micro-frontend\.open to groups/);
    expect(policyEvents(started)).toEqual([
      expect.objectContaining({
        severityLevel: 'high',
        status: 'succeeded',
        meta: {
          signal: 'unconditional-allow-without-group',
          permission: 'luigi.micro-frontend.open',
          user: GUEST,
          onPurpose: false,
          fix: expect.stringMatching(/^Grant luigi\.micro-frontend\.open to groups/),
        },
      }),
    ]);

    // Shown to the admin (luigi.admin.read), not to the guest; nobody without a user's credentials.
    const forAlice = await adminWarnings(started.url, as(ALICE));
    expect(forAlice.body.warnings).toEqual([
      expect.objectContaining({ id: 'unconditional-allow-without-group', message: expect.stringContaining(GUEST) }),
    ]);
    expect(await adminWarnings(started.url, as(GUEST))).toEqual({ status: 200, body: { warnings: [] } });
    expect((await adminWarnings(started.url)).status).toBe(401);
    expect((await adminWarnings(started.url, mockCredentials.service.header())).status).toBe(403);

    // Within the hour, more of the same is neither logged nor recorded again.
    await decide(started.url, GUEST);
    await decide(started.url, 'user:default/another-guest');
    expect(policyWarnLines(started)).toHaveLength(1);
    expect(policyEvents(started)).toHaveLength(1);
  });

  it("raises no alarm for the dev portal's policy: admins allowed by group, everybody else by condition", async () => {
    const started = await start(devPortalPolicyModule);
    expect((await decide(started.url, ALICE)).body.decisions).toEqual([{ entityRef: ORDERS, result: 'allow' }]);
    // Bob and the guest get a CONDITIONAL decision (resolved by the catalog, which these tests do not run).
    await decide(started.url, BOB);
    await decide(started.url, GUEST);
    expect(policyWarnLines(started)).toEqual([]);
    expect(policyEvents(started)).toEqual([]);
    expect(await adminWarnings(started.url, as(ALICE))).toEqual({ status: 200, body: { warnings: [] } });
  });

  it('is kept on purpose with luigi.access.policyAllowsEveryoneOnPurpose: info log, no page warning, still audited', async () => {
    const started = await start(allowAllPolicyModule, { luigi: { access: { policyAllowsEveryoneOnPurpose: true } } });
    await decide(started.url, GUEST);
    expect(policyWarnLines(started)).toEqual([]);
    const info = started.logs.of('luigi', 'info').filter(line => /Everybody may open every micro app/.test(line.message));
    expect(info.map(line => line.message)).toEqual([
      expect.stringMatching(/allow-all permission policy is installed \(kept on purpose/),
      expect.stringMatching(/users who belong to no group \(kept on purpose/),
    ]);
    expect(policyEvents(started).map(event => event.meta)).toEqual([
      expect.objectContaining({ signal: 'allow-all-module', onPurpose: true }),
      expect.objectContaining({ signal: 'unconditional-allow-without-group', user: GUEST, onPurpose: true }),
    ]);
    expect(await adminWarnings(started.url, as(ALICE))).toEqual({ status: 200, body: { warnings: [] } });
  });

  it('is not looked for while the permission framework is off: the closed mode keeps its own warning', async () => {
    const started = await start(allowAllPolicyModule, { permission: { enabled: false } });
    expect(policyWarnLines(started)).toEqual([]);
    expect(started.logs.of('luigi', 'warn').map(line => line.message)).toEqual([
      expect.stringMatching(/^permission\.enabled is not true: no user may open any micro frontend/),
    ]);
    expect(policyEvents(started)).toEqual([]);
    expect(await adminWarnings(started.url, as(ALICE))).toEqual({ status: 200, body: { warnings: [] } });
  });

  it('is not looked for while access is open to every signed-in user by app-config: that mode keeps its own warning', async () => {
    const started = await start(allowAllPolicyModule, {
      permission: { enabled: false },
      luigi: { access: { openToEverySignedInUser: true } },
    });
    expect((await decide(started.url, GUEST)).body).toEqual({
      mode: 'open-to-every-signed-in-user',
      decisions: [{ entityRef: ORDERS, result: 'allow' }],
    });
    expect(started.logs.of('luigi', 'warn').map(line => line.message)).toEqual([
      'luigi.access.openToEverySignedInUser: every signed-in user may open every micro frontend',
    ]);
    expect(policyEvents(started)).toEqual([]);
    expect(await adminWarnings(started.url, as(GUEST))).toEqual({ status: 200, body: { warnings: [] } });
  });
});
