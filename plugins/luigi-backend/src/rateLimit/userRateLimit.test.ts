import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { recordingAuditor } from '../testing/recordingAuditor';
import { startLuigiTestBackend, stopTestBackend, type TestBackend } from '../testing/testBackend';
import { DEFAULT_RATE_LIMIT_WINDOW_MS, DEFAULT_REQUESTS_PER_USER, readRateLimit } from './userRateLimit';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const ORDERS = 'component:default/orders';

async function decide(url: string, user?: string) {
  const response = await fetch(`${url}/api/luigi/access/decisions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(user ? { authorization: mockCredentials.user.header(user) } : {}) },
    body: JSON.stringify({ entityRefs: [ORDERS] }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

describe('per-user request limits', () => {
  const auditor = recordingAuditor();
  let backend: TestBackend;
  let url: string;
  beforeAll(async () => {
    ({ backend, url } = await startLuigiTestBackend(
      { luigi: { access: { openToEverySignedInUser: true }, rateLimit: { requestsPerUser: 3, window: '1m' } } },
      [auditor.factory],
    ));
  });
  afterAll(async () => {
    await stopTestBackend(backend);
  });

  it('answer 429 with Retry-After and the limit once one user is over it, leaving others unaffected', async () => {
    for (let i = 0; i < 3; i++) expect((await decide(url, ALICE)).status).toBe(200);
    auditor.clear();
    const refused = await decide(url, ALICE);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({
      error: { name: 'TooManyRequestsError', message: expect.stringContaining('at most 3 per 60 s') },
      response: { statusCode: 429 },
      rateLimit: { limit: 3, windowSeconds: 60, per: 'user' },
    });
    expect(refused.body.decisions).toBeUndefined();
    // Recorded as a refusal of the route, with the actor of the credentials.
    expect(auditor.finished()).toEqual([
      expect.objectContaining({
        eventId: 'access-decide',
        severityLevel: 'medium',
        status: 'failed',
        actorId: ALICE,
        meta: expect.objectContaining({ reason: 'rate-limited', detail: 'limit 3 per 60 s per user' }),
        error: expect.objectContaining({ name: 'TooManyRequestsError' }),
      }),
    ]);
    // Another user has their own count.
    expect((await decide(url, BOB)).status).toBe(200);
  });

  it('count callers without valid credentials by their address', async () => {
    const first = await decide(url);
    expect(first.status).toBe(401);
    await decide(url);
    await decide(url);
    const refused = await decide(url);
    expect(refused.status).toBe(429);
    expect(refused.body.rateLimit.per).toBe('address');
  });

  it('leave health and the public keys alone', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${url}/api/luigi/health`)).status).toBe(200);
      expect((await fetch(`${url}/api/luigi/.well-known/jwks.json`)).status).toBe(200);
    }
  });
});

describe('luigi.rateLimit', () => {
  const read = (data: object) => readRateLimit(mockServices.rootConfig({ data }));
  it('defaults to 600 requests per user and route per minute', () => {
    expect(read({})).toEqual({ requestsPerUser: DEFAULT_REQUESTS_PER_USER, windowMs: DEFAULT_RATE_LIMIT_WINDOW_MS });
    expect(DEFAULT_REQUESTS_PER_USER).toBe(600);
  });
  it('can be turned off or changed', () => {
    expect(read({ luigi: { rateLimit: { enabled: false } } })).toBeUndefined();
    expect(read({ luigi: { rateLimit: { requestsPerUser: 50, window: { seconds: 10 } } } })).toEqual({
      requestsPerUser: 50,
      windowMs: 10_000,
    });
  });
  it('refuses settings that limit nothing or make no sense', () => {
    expect(() => read({ luigi: { rateLimit: { requestsPerUser: 0 } } })).toThrow(/requestsPerUser/);
    expect(() => read({ luigi: { rateLimit: { requestsPerUser: 1.5 } } })).toThrow(/requestsPerUser/);
    expect(() => read({ luigi: { rateLimit: { window: '10ms' } } })).toThrow(/window/);
  });
});
