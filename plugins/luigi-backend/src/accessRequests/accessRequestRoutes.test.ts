import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult, isPermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { notificationService, NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { luigiAccessRequestDecidePermission, luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';
import { catalogHiding } from '../testing/catalogHiding';
import { permissionPolicyModule } from '../testing/policyAllowing';
import { recordingAuditor } from '../testing/recordingAuditor';
import { componentWith, startLuigiTestBackend, testBackendForSuite, userInfoWithGroups } from '../testing/testBackend';

const ALICE = 'user:default/alice'; // platform admin: decides any request
const BOB = 'user:default/bob'; // team-billing
const CAROL = 'user:default/carol'; // team-orders: owns orders
const DAVE = 'user:default/dave'; // ops: automatic approval for team-orders' apps, up to 8 hours
const ORDERS = 'component:default/orders';
const BILLING = 'component:default/billing';

const GROUPS: Record<string, string[]> = {
  [ALICE]: ['group:default/platform-admins'],
  [BOB]: ['group:default/team-billing'],
  [CAROL]: ['group:default/team-orders'],
  [DAVE]: ['group:default/ops'],
};

const ENTITIES = [
  componentWith('orders', { 'luigi-project.io/view-url': 'https://apps.example.com/orders/' }),
  { ...componentWith('billing', { 'luigi-project.io/view-url': 'https://apps.example.com/billing/' }), spec: { type: 'website', owner: 'team-billing' } },
  componentWith('docs', { 'backstage.io/techdocs-ref': 'dir:.' }),
  componentWith('secret', { 'luigi-project.io/view-url': 'https://apps.example.com/secret/' }),
];

/** The catalog hides `secret` from everyone but carol. */
const catalog = catalogHiding(ENTITIES, (entity, user) => entity.metadata.name === 'secret' && user !== CAROL);

const userInfo = userInfoWithGroups(GROUPS);

/** Owners open their own apps (orders: carol); alice decides any request; nothing else is allowed to open. */
const policy: PermissionPolicy = {
  async handle(request, user) {
    const ref = user?.info.userEntityRef;
    if (isPermission(request.permission, luigiMicroFrontendOpenPermission)) {
      return { result: ref === CAROL ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (isPermission(request.permission, luigiAccessRequestDecidePermission)) {
      return { result: ref === ALICE ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  },
};

/** Backstage's notification service as a recorder: what the plugin sent. */
const notified: NotificationSendOptions[] = [];
const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({
    async send(options: NotificationSendOptions) {
      notified.push(options);
    },
  }),
});

const CONFIG = {
  permission: { enabled: true },
  luigi: {
    allowedOrigins: ['https://apps.example.com'],
    accessRequests: {
      enabled: true,
      durationsMinutes: [60, 480, 1440],
      automaticApprovals: [{ name: 'ops-on-call', requesterGroup: 'group:default/ops', ownerGroup: 'group:default/team-orders', maxMinutes: 480 }],
    },
  },
};

const as = (user: string) => mockCredentials.user.header(user);

async function call(url: string, method: string, path: string, authorization?: string, body?: unknown) {
  const response = await fetch(`${url}/api/luigi${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

describe('access requests', () => {
  const auditor = recordingAuditor();
  const backend = testBackendForSuite(() =>
    startLuigiTestBackend(CONFIG, [
      catalog,
      userInfo,
      auditor.factory,
      notifications,
      import('@backstage/plugin-permission-backend'),
      permissionPolicyModule('access-requests', policy),
    ]),
  );
  const ask = (user: string, body: unknown) => call(backend.url, 'POST', '/access-requests', as(user), body);
  const decide = (user: string, id: string, body: unknown) => call(backend.url, 'POST', `/access-requests/${id}/decision`, as(user), body);

  it('lets a user ask, shows the request pending to them and to the owners, and grants it for its duration on approval', async () => {
    const asked = await ask(BOB, { entityRef: 'Component:default/Orders', durationMinutes: 480, reason: '  quarter-end billing run ' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ entityRef: ORDERS, userEntityRef: BOB, ownerRef: 'group:default/team-orders', state: 'pending', durationMinutes: 480, reason: 'quarter-end billing run' });

    // The owners are told, through Backstage's notifications, bob himself not.
    expect(notified).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'group:default/team-orders', excludeEntityRef: BOB },
        payload: expect.objectContaining({ title: `${BOB} asks for access to ${ORDERS}`, description: 'For 8 hours. Reason: quarter-end billing run', link: '/luigi' }),
      },
    ]);

    const mine = await call(backend.url, 'GET', `/access-requests?entityRef=${encodeURIComponent(ORDERS)}`, as(BOB));
    expect(mine.body).toMatchObject({ enabled: true, durationsMinutes: [60, 480, 1440], request: { id: asked.body.id, state: 'pending' } });

    // The owner sees it; bob's team and a stranger do not.
    expect((await call(backend.url, 'GET', '/access-requests/inbox', as(CAROL))).body.requests.map((r: any) => r.id)).toContain(asked.body.id);
    expect((await call(backend.url, 'GET', '/access-requests/inbox', as(DAVE))).body.requests).toEqual([]);
    expect((await call(backend.url, 'GET', '/access-requests/inbox', as(BOB))).body.requests).toEqual([]);

    const before = Date.now();
    const approved = await decide(CAROL, asked.body.id, { decision: 'approve', note: 'until Friday' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', decidedBy: CAROL, decisionNote: 'until Friday', grant: { userEntityRef: BOB, entityRef: ORDERS, grantedBy: CAROL } });
    const { expiresAt, grantedAt } = approved.body.grant;
    expect(notified[1]).toEqual({
      recipients: { type: 'entity', entityRef: BOB },
      payload: expect.objectContaining({ title: `Your access to ${ORDERS} was approved until ${new Date(expiresAt).toISOString()}`, description: `By ${CAROL}. Note: until Friday` }),
    });
    expect(expiresAt - grantedAt).toBe(480 * 60_000);
    expect(grantedAt).toBeGreaterThanOrEqual(before);

    // A policy (a backend service) and bob himself read his active grant; nobody else reads it.
    const forPolicy = await call(backend.url, 'GET', `/access-grants/active?userEntityRef=${encodeURIComponent(BOB)}`, mockCredentials.service.header());
    expect(forPolicy.body.grants).toEqual([approved.body.grant]);
    expect((await call(backend.url, 'GET', '/access-grants/active', as(BOB))).body.grants).toEqual([approved.body.grant]);
    expect((await call(backend.url, 'GET', `/access-grants/active?userEntityRef=${encodeURIComponent(BOB)}`, as(DAVE))).status).toBe(403);

    // Decided once: a second decision, by an admin too, is refused.
    expect((await decide(ALICE, asked.body.id, { decision: 'deny' })).status).toBe(409);

    const events = auditor.finished().filter(e => e.eventId === 'access-request' || e.eventId === 'access-request-decide');
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ eventId: 'access-request', status: 'succeeded', actorId: BOB, meta: expect.objectContaining({ entityRef: ORDERS, state: 'pending', durationMinutes: 480, reason: 'quarter-end billing run' }) }),
        expect.objectContaining({ eventId: 'access-request-decide', status: 'succeeded', actorId: CAROL, meta: expect.objectContaining({ requester: BOB, state: 'approved', decision: 'approve', note: 'until Friday', expiresAt: new Date(expiresAt).toISOString() }) }),
        expect.objectContaining({ eventId: 'access-request-decide', status: 'failed', actorId: ALICE, meta: expect.objectContaining({ reason: 'already-decided' }) }),
      ]),
    );
  });

  it('keeps one open request per user and app, and lets the owner deny it with a note the requester sees', async () => {
    const first = await ask(DAVE, { entityRef: BILLING, durationMinutes: 60 });
    expect(first.status).toBe(201);
    const again = await ask(DAVE, { entityRef: BILLING, durationMinutes: 1440 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/pending/);

    expect((await decide(BOB, first.body.id, { decision: 'deny', note: 'ask your lead first' })).body).toMatchObject({ state: 'denied', decidedBy: BOB });
    const mine = await call(backend.url, 'GET', `/access-requests?entityRef=${encodeURIComponent(BILLING)}`, as(DAVE));
    expect(mine.body.request).toMatchObject({ state: 'denied', decisionNote: 'ask your lead first' });
    expect(mine.body.request.grant).toBeUndefined();
    expect((await call(backend.url, 'GET', '/access-grants/active', as(DAVE))).body.grants).toEqual([]);
  });

  it('approves by itself what an automatic rule covers, recorded as automatic, and nothing beyond its bound', async () => {
    notified.length = 0;
    const quick = await ask(DAVE, { entityRef: ORDERS, durationMinutes: 480 });
    expect(quick.status).toBe(201);
    expect(quick.body).toMatchObject({ state: 'approved', decidedBy: 'automatic:ops-on-call', grant: { userEntityRef: DAVE } });
    expect(auditor.finished()).toContainEqual(
      expect.objectContaining({ eventId: 'access-request', status: 'succeeded', actorId: DAVE, meta: expect.objectContaining({ automatic: 'ops-on-call', state: 'approved' }) }),
    );
    // Nothing waits for the owners.
    expect(notified).toEqual([]);
  });

  it('waits for an owner when the duration is beyond the automatic bound', async () => {
    const grantsBefore = (await call(backend.url, 'GET', `/access-grants/active?userEntityRef=${encodeURIComponent('user:default/erin')}`, mockCredentials.service.header())).body.grants;
    expect(grantsBefore).toEqual([]);
    GROUPS['user:default/erin'] = ['group:default/ops'];
    const long = await ask('user:default/erin', { entityRef: ORDERS, durationMinutes: 1440 });
    expect(long.body).toMatchObject({ state: 'pending' });
  });

  it('refuses, records and grants nothing for what the other team would try', async () => {
    auditor.clear();
    // Deciding one's own request, or another team's, or as nobody in particular.
    const mallory = 'user:default/mallory';
    const own = await ask(mallory, { entityRef: BILLING, durationMinutes: 60 });
    expect((await decide(mallory, own.body.id, { decision: 'approve' })).status).toBe(403);
    expect((await decide(CAROL, own.body.id, { decision: 'approve' })).status).toBe(403);
    expect((await decide(DAVE, own.body.id, { decision: 'approve' })).status).toBe(403);
    expect((await call(backend.url, 'POST', `/access-requests/${own.body.id}/decision`, undefined, { decision: 'approve' })).status).toBe(401);
    expect((await call(backend.url, 'GET', `/access-requests?entityRef=${encodeURIComponent(BILLING)}`, as(mallory))).body.request.state).toBe('pending');

    // A duration beyond the offered ones, an app the user may open already, a hidden one, a missing
    // one, an entity that is no micro app, a malformed body.
    expect(await ask(mallory, { entityRef: ORDERS, durationMinutes: 100_000 })).toMatchObject({ status: 400 });
    expect(await ask(CAROL, { entityRef: ORDERS, durationMinutes: 60 })).toMatchObject({ status: 409 });
    const hidden = await ask(mallory, { entityRef: 'component:default/secret', durationMinutes: 60 });
    const missing = await ask(mallory, { entityRef: 'component:default/nothing', durationMinutes: 60 });
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.body.error.message).toBe(missing.body.error.message.replace('nothing', 'secret'));
    expect(await ask(mallory, { entityRef: 'component:default/docs', durationMinutes: 60 })).toMatchObject({ status: 404 });
    expect(await ask(mallory, { entityRef: ORDERS, durationMinutes: '480' })).toMatchObject({ status: 400 });
    expect(await ask(mallory, { entityRef: ORDERS, durationMinutes: 60, reason: 'x'.repeat(501) })).toMatchObject({ status: 400 });

    const reasons = auditor.finished().filter(e => e.status === 'failed').map(e => [e.eventId, e.meta?.reason]);
    expect(reasons).toEqual([
      ['access-request-decide', 'own-request'],
      ['access-request-decide', 'not-an-approver'],
      ['access-request-decide', 'not-an-approver'],
      ['access-request-decide', 'unauthenticated'],
      ['access-request', 'duration-not-offered'],
      ['access-request', 'already-allowed'],
      ['access-request', 'not-found'],
      ['access-request', 'not-found'],
      ['access-request', 'not-a-micro-app'],
      ['access-request', 'malformed-request'],
      ['access-request', 'malformed-request'],
    ]);
    expect((await call(backend.url, 'GET', '/access-grants/active', as(mallory))).body.grants).toEqual([]);

    // A malformed ref in a read is the caller's mistake (400), not a missing request or grant.
    const badRequestRead = await call(backend.url, 'GET', '/access-requests?entityRef=not%20a%20ref', as(mallory));
    const badGrantRead = await call(backend.url, 'GET', '/access-grants/active?userEntityRef=%3A%3A', mockCredentials.service.header());
    expect([badRequestRead.status, badGrantRead.status]).toEqual([400, 400]);
    expect(badRequestRead.body.error.message).toBe('entityRef is not an entity ref');
  });

  it('lets an admin decide any request and the owners or an admin end a grant early', async () => {
    const frank = 'user:default/frank';
    const asked = await ask(frank, { entityRef: BILLING, durationMinutes: 1440 });
    expect((await call(backend.url, 'GET', '/access-requests/inbox', as(ALICE))).body).toMatchObject({ admin: true, requests: expect.arrayContaining([expect.objectContaining({ id: asked.body.id })]) });
    const approved = await decide(ALICE, asked.body.id, { decision: 'approve' });
    expect(approved.body.state).toBe('approved');
    const grantId = approved.body.grant.id;
    // The owners list the grants of their apps, to end them; others do not see them.
    expect((await call(backend.url, 'GET', '/access-requests/inbox', as(BOB))).body.grants.map((g: any) => g.id)).toContain(grantId);
    expect((await call(backend.url, 'GET', '/access-requests/inbox', as(CAROL))).body.grants.map((g: any) => g.id)).not.toContain(grantId);

    expect((await call(backend.url, 'POST', `/access-grants/${grantId}/revoke`, as(CAROL))).status).toBe(403);
    expect((await call(backend.url, 'POST', `/access-grants/${grantId}/revoke`, as(frank))).status).toBe(403);
    const revoked = await call(backend.url, 'POST', `/access-grants/${grantId}/revoke`, as(BOB));
    expect(revoked.body).toMatchObject({ id: grantId, revokedBy: BOB });
    expect((await call(backend.url, 'GET', '/access-grants/active', as(frank))).body.grants).toEqual([]);
    expect((await call(backend.url, 'POST', `/access-grants/${grantId}/revoke`, as(ALICE))).status).toBe(409);
    expect(auditor.finished()).toContainEqual(
      expect.objectContaining({ eventId: 'access-grant-revoke', status: 'succeeded', actorId: BOB, meta: expect.objectContaining({ grantId, user: frank }) }),
    );
  });
});

describe('access requests switched off', () => {
  const backend = testBackendForSuite(() =>
    startLuigiTestBackend({ permission: { enabled: true }, luigi: { allowedOrigins: ['https://apps.example.com'] } }, [
      catalog,
      userInfo,
      import('@backstage/plugin-permission-backend'),
      permissionPolicyModule('access-requests-off', policy),
    ]),
  );

  it('refuses new requests and says so to the page', async () => {
    const asked = await call(backend.url, 'POST', '/access-requests', as(BOB), { entityRef: ORDERS, durationMinutes: 60 });
    expect(asked.status).toBe(403);
    expect(asked.body.error.message).toBe('This portal takes no access requests');
    const mine = await call(backend.url, 'GET', `/access-requests?entityRef=${encodeURIComponent(ORDERS)}`, as(BOB));
    expect(mine.body).toEqual({ enabled: false, durationsMinutes: [], request: null });
  });
});
