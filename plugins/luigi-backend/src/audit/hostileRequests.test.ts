import { mockCredentials } from '@backstage/backend-test-utils';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { RecordedAuditEvent, recordingAuditor } from '../testing/recordingAuditor';
import { ALICE, as, tenantBackendForSuite } from '../testing/tenantFixtures';
import { SECRET_FRAGMENT_LENGTH } from './redactSecrets';

jest.setTimeout(60_000);

/** A string no answer and no record may echo: every hostile input carries it. */
const MARKER = 'hostile-input-7f3a9c';
const ORDERS = 'component:default/orders';
const MB = 1024 * 1024;

/** A user token as an identity provider signs them, expired an hour ago. */
async function expiredUserToken(): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: ALICE, ent: [ALICE], marker: MARKER })
    .setProtectedHeader({ alg: 'ES256', kid: (await exportJWK(publicKey)).x!.slice(0, 8), typ: 'vnd.backstage.user' })
    .setIssuer('http://localhost:7007/api/auth')
    .setAudience('backstage')
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(privateKey);
}

/** A garbage bearer token: no token at all, but long enough to be recognised in a record. */
const GARBAGE_TOKEN = `garbage.${MARKER}.${'Zm9vYmFy'.repeat(8)}`;

const bodies = {
  tokens: (entityRef: string) => ({ entityRef }),
  decisions: (entityRef: string) => ({ entityRefs: [ORDERS, entityRef] }),
  enter: (tenant: string) => ({ tenant, from: 'commerce' }),
};

const ROUTES = {
  tokens: { path: '/tokens', eventId: 'micro-app-open' },
  decisions: { path: '/access/decisions', eventId: 'access-decide' },
  enter: { path: '/tenants/enter', eventId: 'tenant-enter' },
} as const;

type Route = keyof typeof ROUTES;

/** One hostile request: its body (raw text), its credentials, and the answer it must get. */
interface Hostile {
  body: string;
  authorization?: string | (() => Promise<string>);
  status: number;
  /** The `meta.reason` of its record. */
  reason: string;
  /** What else its record's meta holds: what could be read of a body that was read. */
  read?: Record<string, string>;
  /** Whether the record has the user as its actor (else no actor: unauthenticated). */
  actor: boolean;
}

const json = (value: unknown) => JSON.stringify(value);

/** The hostile requests, each for every route it applies to. */
const CASES: Array<[string, Route, Hostile]> = [];
for (const route of Object.keys(ROUTES) as Route[]) {
  const body = bodies[route];
  const ref = (name: string) => (route === 'enter' ? name : `component:default/${name}`);
  const signedIn = { authorization: as(ALICE), actor: true };
  // A token request that was read but refused is recorded with the purpose it asks (the default).
  const invalid = { ...signedIn, status: 400, reason: 'malformed-request', ...(route === 'tokens' ? { read: { purpose: 'open' } } : {}) };
  CASES.push(
    [`a 2 MB value`, route, { ...signedIn, body: json(body(ref(`${MARKER}${'a'.repeat(2 * MB)}`))), status: 413, reason: 'body-too-large' }],
    [`a 19 KB value`, route, { ...invalid, body: json(body(ref(`${MARKER}${'b'.repeat(19 * 1024)}`))) }],
    [`a NUL byte in a value`, route, { ...invalid, body: json(body(ref(`or\u0000ders-${MARKER}`))) }],
    [
      `RTL override and zero-width characters in a value`,
      route,
      { ...invalid, body: json(body(ref(`\u202Esredro\u200B\u2066${MARKER}\u2069\uFEFF`))) },
    ],
    [`no credentials`, route, { body: json(body(ref(MARKER))), status: 401, reason: 'unauthenticated', actor: false }],
    [
      `a garbage bearer token`,
      route,
      { body: json(body(ref(MARKER))), authorization: `Bearer ${GARBAGE_TOKEN}`, status: 401, reason: 'unauthenticated', actor: false },
    ],
    [
      `an expired user token`,
      route,
      {
        body: json(body(ref(MARKER))),
        authorization: async () => `Bearer ${await expiredUserToken()}`,
        status: 401,
        reason: 'unauthenticated',
        actor: false,
      },
    ],
    [`malformed JSON`, route, { ...signedIn, body: `{"${MARKER}": [\u0000, "${MARKER}"`, status: 400, reason: 'malformed-request' }],
    [`a 3 MB body`, route, { ...signedIn, body: json({ ...body(ref('orders')), padding: MARKER.repeat(3 * MB / MARKER.length) }), status: 413, reason: 'body-too-large' }],
  );
}
// A decisions request of many long refs: 100 refs of 19 KB each.
CASES.push([
  '100 refs of 19 KB each',
  'decisions',
  {
    authorization: as(ALICE),
    actor: true,
    body: json({ entityRefs: Array.from({ length: 100 }, (_, i) => `component:default/${MARKER}-${i}-${'c'.repeat(19 * 1024)}`) }),
    status: 413,
    reason: 'body-too-large',
  },
]);

/** Every string of a value, at any depth. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)]);
  return [];
}

/** Whether the text holds any run of {@link SECRET_FRAGMENT_LENGTH} characters of the secret. */
function holdsPartOf(text: string, secret: string): boolean {
  for (let i = 0; i + SECRET_FRAGMENT_LENGTH <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + SECRET_FRAGMENT_LENGTH))) return true;
  }
  return false;
}

describe('hostile requests to the audited routes', () => {
  const auditor = recordingAuditor();
  const backend = tenantBackendForSuite([auditor.factory]);

  beforeEach(() => auditor.clear());

  it.each(CASES)('%s to %s: one bounded record, the right status, nothing echoed', async (_label, route, hostile) => {
    const { path, eventId } = ROUTES[route];
    const authorization = typeof hostile.authorization === 'function' ? await hostile.authorization() : hostile.authorization;
    const response = await fetch(`${backend.url}/api/luigi${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: hostile.body,
    });
    const answer = await response.text();

    expect(response.status).toBe(hostile.status);
    expect(answer).not.toContain(MARKER);
    expect(answer.length).toBeLessThan(1024);
    expect(auditor.events.map(event => event.status)).toEqual(['initiated', 'failed']);
    const [record] = auditor.finished() as [RecordedAuditEvent];
    expect(record).toEqual(
      expect.objectContaining({
        plugin: 'luigi',
        eventId,
        severityLevel: 'medium',
        status: 'failed',
        request: { method: 'POST', url: `/api/luigi${path}` },
        meta: { ...hostile.read, reason: hostile.reason },
      }),
    );
    if (hostile.actor) expect(record.actorId).toBe(ALICE);
    else expect(record).not.toHaveProperty('actorId');

    const serialized = JSON.stringify(auditor.events);
    expect(serialized.length).toBeLessThan(2048);
    expect(serialized).not.toContain(MARKER);
    // No control character (not even JSON-escaped), no bidi or zero-width character.
    expect(serialized).not.toMatch(/\\u00[01][0-9a-f]/i);
    for (const text of stringsOf(auditor.events)) expect(text).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    // (A valid mock token is the user's ref in JSON: the actor. The refused ones must leave no trace.)
    const token = authorization?.replace(/^Bearer /, '');
    if (token && !hostile.actor) {
      expect(holdsPartOf(serialized, token)).toBe(false);
      expect(holdsPartOf(answer, token)).toBe(false);
    }
  });

  it('answers a caller without credentials 401 on every audited route, and still nobody else', async () => {
    for (const { path } of Object.values(ROUTES)) {
      const response = await fetch(`${backend.url}/api/luigi${path}`, { method: 'POST' });
      expect(response.status).toBe(401);
    }
    // The routes the plugin leaves to Backstage's default policy still refuse before any route.
    expect((await fetch(`${backend.url}/api/luigi/tenants`)).status).toBe(401);
    expect(auditor.finished()).toHaveLength(3);
  });

  it('decides a page of 2,000 refs of the longest valid form in one request, as the frontend asks', async () => {
    const longest = (i: number) => `${'k'.repeat(63)}:${'n'.repeat(59)}${String(i).padStart(4, '0')}/${'m'.repeat(63)}`;
    const entityRefs = Array.from({ length: 2000 }, (_, i) => longest(i));
    const response = await fetch(`${backend.url}/api/luigi/access/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: as(ALICE) },
      body: json({ entityRefs }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).decisions).toHaveLength(2000);
  });

  it('refuses a service without reading its body', async () => {
    const response = await fetch(`${backend.url}/api/luigi/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: mockCredentials.service.header() },
      body: json({ entityRef: ORDERS, marker: MARKER }),
    });
    expect(response.status).toBe(403);
    expect(JSON.stringify(auditor.events)).not.toContain(MARKER);
  });
});
