import { mockCredentials } from '@backstage/backend-test-utils';
import { decodeJwt } from 'jose';
import { recordingAuditor } from '../testing/recordingAuditor';
import { ALICE, as, BOB, DAVE, ERIN, post, tenantBackendForSuite } from '../testing/tenantFixtures';
import { SECRET_FRAGMENT_LENGTH } from './redactSecrets';

jest.setTimeout(60_000);

const ORDERS = 'component:default/orders';
const SHIPMENTS = 'component:logistics/shipments';
const LEDGER = 'component:payments/ledger';

/** A subject token as an identity provider would issue it; the default signer ignores it. */
const SUBJECT_TOKEN = [
  'eyJhbGciOiJSUzI1NiIsImtpZCI6InN1YmplY3QifQ',
  Buffer.from(JSON.stringify({ sub: 'alice', aud: 'backstage', nonce: 'a4f1c2e9b7d3' })).toString('base64url'),
  'c3ViamVjdC10b2tlbi1zaWduYXR1cmUtdGhhdC1tdXN0LW5ldmVyLWJlLXJlY29yZGVk',
].join('.');

describe('the audit trail', () => {
  const auditor = recordingAuditor();
  const secrets = new Set<string>([SUBJECT_TOKEN]);
  const backend = tenantBackendForSuite([auditor.factory]);

  beforeEach(() => auditor.clear());

  async function requestToken(body: Record<string, unknown>, authorization?: string) {
    const response = await post(backend.url, '/tokens', { subjectToken: SUBJECT_TOKEN, ...body }, authorization);
    if (response.body?.token) secrets.add(response.body.token);
    return response;
  }

  it('records an opened micro app with the actor of the credentials, whatever the body says', async () => {
    const response = await requestToken(
      { entityRef: SHIPMENTS, tenant: 'logistics', actor: 'user:default/mallory', userEntityRef: 'user:default/mallory' },
      as(ALICE),
    );
    expect(response.status).toBe(200);
    const { jti } = decodeJwt(response.body.token);
    expect(auditor.finished()).toEqual([
      {
        plugin: 'luigi',
        eventId: 'micro-app-open',
        severityLevel: 'medium',
        status: 'succeeded',
        actorId: ALICE,
        request: { method: 'POST', url: '/api/luigi/tokens' },
        meta: {
          entityRef: SHIPMENTS,
          tenant: 'logistics',
          purpose: 'open',
          audience: SHIPMENTS,
          tokenId: jti,
          expiresAt: new Date(response.body.expiresAt).toISOString(),
          issuedBy: 'luigi-backend',
        },
      },
    ]);
    // The event is created before the checks, so a refusal is recorded as well.
    expect(auditor.events.map(e => e.status)).toEqual(['initiated', 'succeeded']);
  });

  it('records a renewal as a token refresh, of the same severity as an opening: the client picks the purpose', async () => {
    expect((await requestToken({ entityRef: ORDERS }, as(ALICE))).status).toBe(200);
    expect((await requestToken({ entityRef: ORDERS, purpose: 'refresh' }, as(ALICE))).status).toBe(200);
    const [opened, refreshed] = auditor.finished();
    expect(refreshed).toEqual(
      expect.objectContaining({
        eventId: 'token-refresh',
        status: 'succeeded',
        actorId: ALICE,
        meta: expect.objectContaining({ entityRef: ORDERS, tenant: 'commerce', purpose: 'refresh' }),
      }),
    );
    expect(opened.eventId).toBe('micro-app-open');
    expect(opened.severityLevel).toBe('medium');
    expect(refreshed.severityLevel).toBe(opened.severityLevel);
  });

  it.each([
    ['an unknown entity', ALICE, { entityRef: 'component:default/nope' }, 404, { reason: 'not-found' }, 'NotFoundError'],
    [
      'an entity of another tenant',
      ALICE,
      { entityRef: ORDERS, tenant: 'logistics' },
      403,
      { reason: 'other-tenant', entityTenant: 'commerce', tenant: 'logistics' },
      'NotAllowedError',
    ],
    ['a tenant the user may not enter', BOB, { entityRef: SHIPMENTS }, 403, { reason: 'tenant-denied', entityTenant: 'logistics' }, 'NotAllowedError'],
    ['a policy denial', DAVE, { entityRef: SHIPMENTS }, 403, { reason: 'policy', entityTenant: 'logistics' }, 'NotAllowedError'],
    ['an entity of no tenant', ALICE, { entityRef: LEDGER }, 403, { reason: 'no-tenant' }, 'NotAllowedError'],
    ['an invalid registration', ALICE, { entityRef: 'component:logistics/outside' }, 403, { reason: 'origin-not-in-tenant', entityTenant: 'logistics' }, 'NotAllowedError'],
    ['a failing policy', ERIN, { entityRef: ORDERS }, 500, { reason: 'error' }, 'ResponseError'],
  ])('records the refusal of %s as a failure', async (_label, user, body, status, facts, errorName) => {
    expect((await requestToken(body, as(user))).status).toBe(status);
    const [event] = auditor.finished();
    expect(event).toEqual({
      plugin: 'luigi',
      eventId: 'micro-app-open',
      severityLevel: 'medium',
      status: 'failed',
      actorId: user,
      request: { method: 'POST', url: '/api/luigi/tokens' },
      meta: { entityRef: body.entityRef, purpose: 'open', ...facts },
      error: { name: errorName, message: expect.any(String), stack: expect.any(String) },
    });
    expect(auditor.finished()).toHaveLength(1);
  });

  it('records a malformed request with what could be read of it', async () => {
    expect((await requestToken({ entityRef: 'orders', tenant: 'Not A Tenant', purpose: 'refresh' }, as(ALICE))).status).toBe(400);
    expect(auditor.finished()).toEqual([
      expect.objectContaining({
        eventId: 'token-refresh',
        status: 'failed',
        actorId: ALICE,
        meta: { purpose: 'refresh', reason: 'malformed-request' },
        error: expect.objectContaining({ name: 'InputError', message: 'entityRef is not an entity ref' }),
      }),
    ]);
  });

  it("records a service's refusal too, without its body", async () => {
    expect((await requestToken({ entityRef: ORDERS }, mockCredentials.service.header())).status).toBe(403);
    expect(auditor.finished()).toEqual([
      expect.objectContaining({
        eventId: 'micro-app-open',
        severityLevel: 'medium',
        status: 'failed',
        actorId: 'external:test-service',
        meta: { reason: 'not-a-user' },
      }),
    ]);
  });

  it('records an anonymous caller and an invalid token with no actor and without the body, then refuses them (401)', async () => {
    expect((await requestToken({ entityRef: ORDERS })).status).toBe(401);
    expect((await requestToken({ entityRef: ORDERS }, mockCredentials.user.invalidHeader())).status).toBe(401);
    const refused = {
      plugin: 'luigi',
      eventId: 'micro-app-open',
      severityLevel: 'medium',
      status: 'failed',
      request: { method: 'POST', url: '/api/luigi/tokens' },
      meta: { reason: 'unauthenticated' },
      error: expect.objectContaining({ name: 'AuthenticationError' }),
    };
    expect(auditor.finished()).toEqual([refused, refused]);
  });

  it('records entering a tenant and its refusals, all of medium severity', async () => {
    const enter = (body: unknown, user: string) => post(backend.url, '/tenants/enter', body, as(user));
    expect((await enter({ tenant: 'logistics', from: 'commerce', actor: BOB }, ALICE)).status).toBe(200);
    expect((await enter({ tenant: 'logistics', from: 'commerce' }, BOB)).status).toBe(403);
    expect((await enter({ tenant: 'atlantis' }, BOB)).status).toBe(403);
    expect((await enter({ tenant: 'Logistics' }, BOB)).status).toBe(400);
    expect((await enter({ tenant: 'commerce' }, ERIN)).status).toBe(500);
    const common = { plugin: 'luigi', eventId: 'tenant-enter', request: { method: 'POST', url: '/api/luigi/tenants/enter' } };
    const error = (name: string) => ({ name, message: expect.any(String), stack: expect.any(String) });
    expect(auditor.finished()).toEqual([
      { ...common, severityLevel: 'medium', status: 'succeeded', actorId: ALICE, meta: { tenant: 'logistics', from: 'commerce', decision: 'allow' } },
      {
        ...common,
        severityLevel: 'medium',
        status: 'failed',
        actorId: BOB,
        meta: { tenant: 'logistics', from: 'commerce', decision: 'deny', reason: 'policy' },
        error: { ...error('NotAllowedError'), message: 'You may not enter this tenant' },
      },
      {
        ...common,
        severityLevel: 'medium',
        status: 'failed',
        actorId: BOB,
        meta: { tenant: 'atlantis', decision: 'deny', reason: 'unknown-tenant' },
        error: { ...error('NotAllowedError'), message: 'You may not enter this tenant' },
      },
      { ...common, severityLevel: 'medium', status: 'failed', actorId: BOB, meta: { reason: 'malformed-request' }, error: error('InputError') },
      { ...common, severityLevel: 'medium', status: 'failed', actorId: ERIN, meta: { tenant: 'commerce', reason: 'error' }, error: error('ResponseError') },
    ]);
  });

  it('records one bounded access-decide event per decisions request', async () => {
    const many = Array.from({ length: 150 }, (_, i) => `component:payments/app-${i}`);
    const body = { entityRefs: [ORDERS, SHIPMENTS, LEDGER, ...many], tenant: 'commerce', actor: ALICE };
    expect((await post(backend.url, '/access/decisions', body, as(BOB))).status).toBe(200);
    expect(auditor.finished()).toHaveLength(1);
    const [event] = auditor.finished();
    expect(event).toEqual(
      expect.objectContaining({ eventId: 'access-decide', severityLevel: 'medium', status: 'succeeded', actorId: BOB }),
    );
    expect(event.meta).toEqual({
      tenant: 'commerce',
      count: 153,
      allowed: 1,
      deniedByReason: { 'other-tenant': 1, 'no-tenant': 151 },
      denied: expect.arrayContaining([{ entityRef: LEDGER, reason: 'no-tenant' }]),
      deniedTruncated: true,
    });
    expect(event.meta!.denied).toHaveLength(100);
    expect(JSON.stringify(event.meta)).not.toContain(SHIPMENTS);
  });

  it('records a decisions request that gets no decisions as a failure, of medium severity', async () => {
    expect((await post(backend.url, '/access/decisions', { entityRefs: [ORDERS], tenant: 'commerce' }, as(ERIN))).status).toBe(500);
    expect((await post(backend.url, '/access/decisions', { entityRefs: 'nope' }, as(BOB))).status).toBe(400);
    const failed = { eventId: 'access-decide', severityLevel: 'medium', status: 'failed' };
    expect(auditor.finished()).toEqual([
      expect.objectContaining({ ...failed, actorId: ERIN, meta: { reason: 'error', tenant: 'commerce' } }),
      expect.objectContaining({ ...failed, actorId: BOB, meta: { reason: 'malformed-request' } }),
    ]);
  });

  it('never records a token, a subject token, or any part of one', async () => {
    // Everything the suite recorded, plus one more round of each event.
    const all = [...auditor.events];
    auditor.clear();
    await requestToken({ entityRef: ORDERS }, as(ALICE));
    await requestToken({ entityRef: ORDERS, purpose: 'refresh' }, as(ALICE));
    await requestToken({ entityRef: SHIPMENTS }, as(BOB));
    all.push(...auditor.events);
    expect(secrets.size).toBeGreaterThanOrEqual(5);
    const recorded = JSON.stringify(all);
    for (const secret of secrets) {
      for (let i = 0; i + SECRET_FRAGMENT_LENGTH <= secret.length; i++) {
        const fragment = secret.slice(i, i + SECRET_FRAGMENT_LENGTH);
        if (recorded.includes(fragment)) throw new Error(`the audit trail holds "${fragment}" of a token`);
      }
    }
  });
});
