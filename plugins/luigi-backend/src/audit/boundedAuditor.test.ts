import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import { Request } from 'express';
import { MAX_AUDIT_VALUE_LENGTH } from './auditValue';
import { auditMeta, boundedAuditor } from './boundedAuditor';

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvYWxpY2UifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function request(authorization?: string): Request {
  const headers: Record<string, string> = { 'user-agent': 'test', ...(authorization ? { authorization } : {}) };
  return { headers, method: 'POST', originalUrl: '/api/luigi/tokens', get: (name: string) => headers[name] } as any;
}

describe('auditMeta', () => {
  it('bounds and cleans every string at any depth, and redacts the secrets', () => {
    const meta = auditMeta(
      { tenant: `a\u202Eb`, denied: [{ entityRef: 'x'.repeat(5000) }], count: 3, note: `token ${TOKEN}` },
      [TOKEN],
    );
    expect(meta).toEqual({
      tenant: 'a\uFFFDb',
      denied: [{ entityRef: expect.stringMatching(/^x+…\[truncated\]$/) }],
      count: 3,
      note: 'token [redacted]',
    });
    expect((meta.denied as any)[0].entityRef).toHaveLength(MAX_AUDIT_VALUE_LENGTH);
  });
});

describe('boundedAuditor', () => {
  const created: any[] = [];
  const failed: any[] = [];
  const inner: AuditorService = {
    async createEvent(options) {
      created.push(options);
      return { success: async () => {}, fail: async params => void failed.push(params) };
    },
  };
  // Like Backstage's httpAuth: a request without a token is anonymous, any token this one refuses.
  const httpAuth = {
    async credentials(req: Request) {
      if (req.headers.authorization) throw new AuthenticationError(`Unknown token ${req.headers.authorization}`);
      return { principal: { type: 'none' } };
    },
  } as unknown as HttpAuthService;

  beforeEach(() => {
    created.length = 0;
    failed.length = 0;
  });

  it('hands the auditor a view without credentials of a request whose credentials do not resolve', async () => {
    const original = request(`Bearer ${TOKEN}`);
    const event = await boundedAuditor(inner, httpAuth).createEvent({ eventId: 'e', request: original, meta: { x: 'y' } });
    const seen: Request = created[0].request;
    expect(seen).not.toBe(original);
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.get('user-agent')).toBe('test');
    expect(seen.originalUrl).toBe('/api/luigi/tokens');
    // The original keeps its headers.
    expect(original.headers.authorization).toBe(`Bearer ${TOKEN}`);

    await event.fail({ error: new AuthenticationError(`Unknown token Bearer ${TOKEN}`) });
    expect(failed[0].error).toMatchObject({ name: 'AuthenticationError', message: 'Unknown token Bearer [redacted]' });
  });

  it('hands the auditor the request itself when its credentials resolve', async () => {
    const original = request();
    await boundedAuditor(inner, httpAuth).createEvent({ eventId: 'e', request: original });
    expect(created[0].request).toBe(original);
  });
});
