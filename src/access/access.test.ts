import { MicroApp } from '../catalog/types';
import { applyAccess } from './applyAccess';
import { denialSentence } from './denialText';
import { LuigiAccessClient } from './luigiAccessApi';
import { requestAccessUrl } from './requestAccessUrl';
import { microAppTokenRequest } from './tokenRequest';

const app = (name: string): MicroApp => ({
  pathSegment: name,
  label: name,
  category: 'c',
  viewUrl: `https://apps.example.com/${name}/`,
  entity: { ref: `component:default/${name}`, kind: 'Component', namespace: 'default', name, title: name },
});

describe('applyAccess', () => {
  it('opens only what is explicitly allowed, matching refs case-insensitively', () => {
    const { allowed, denied } = applyAccess([app('Orders'), app('billing'), app('reports')], {
      mode: 'permission-framework',
      decisions: [
        { entityRef: 'component:default/orders', result: 'allow' },
        { entityRef: 'component:default/billing', result: 'deny', reason: 'policy' },
      ],
    });
    expect(allowed.map(a => a.label)).toEqual(['Orders']);
    expect(denied.map(d => [d.label, d.reason])).toEqual([
      ['billing', 'policy'],
      // Not answered at all: denied too.
      ['reports', 'malformed-decision'],
    ]);
  });
});

describe('requestAccessUrl', () => {
  const refs = { entityRef: 'component:default/orders', userEntityRef: 'user:default/bob' };

  it('fills in both refs, URL-encoded', () => {
    expect(requestAccessUrl('https://access.example.com/new?app={entityRef}&user={userEntityRef}', refs)).toBe(
      'https://access.example.com/new?app=component%3Adefault%2Forders&user=user%3Adefault%2Fbob',
    );
  });

  it('gives no link without a template, or for one that is not an http(s) URL', () => {
    expect(requestAccessUrl(undefined, refs)).toBeUndefined();
    expect(requestAccessUrl('javascript:alert({entityRef})', refs)).toBeUndefined();
    expect(requestAccessUrl('/relative/{entityRef}', refs)).toBeUndefined();
  });
});

describe('LuigiAccessClient', () => {
  const discoveryApi = { getBaseUrl: async () => 'http://backend/api/luigi' };

  it("posts the refs to the backend's decisions route and reads the answer", async () => {
    const fetch = jest.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify({ mode: 'closed', decisions: [] }), { status: 200 }),
    );
    const client = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch } as any });
    await expect(client.decide(['component:default/orders'])).resolves.toEqual({ mode: 'closed', decisions: [] });
    expect(fetch).toHaveBeenCalledWith('http://backend/api/luigi/access/decisions', expect.objectContaining({
      method: 'POST',
      body: JSON.stringify({ entityRefs: ['component:default/orders'] }),
    }));
  });

  it('asks for a large catalog in parts of at most 2,000 refs, and answers in the order asked', async () => {
    const refs = Array.from({ length: 10_500 }, (_, i) => `component:default/app-${i}`);
    const fetch = jest.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const { entityRefs } = JSON.parse(String(init?.body));
      const decisions = entityRefs.map((entityRef: string) => ({ entityRef, result: 'allow' }));
      return new Response(JSON.stringify({ mode: 'permission-framework', decisions }), { status: 200 });
    });
    const client = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch } as any });
    const answer = await client.decide(refs, 'retail');
    expect(fetch.mock.calls.map(([, init]) => JSON.parse(String(init?.body)).entityRefs.length)).toEqual([2000, 2000, 2000, 2000, 2000, 500]);
    expect(fetch.mock.calls.every(([, init]) => JSON.parse(String(init?.body)).tenant === 'retail')).toBe(true);
    expect(answer.decisions.map(decision => decision.entityRef)).toEqual(refs);
  });

  it('fails on an error response or a malformed answer, never deciding', async () => {
    for (const response of [
      new Response(JSON.stringify({ error: { name: 'Error', message: 'down' } }), { status: 503 }),
      new Response('<html>proxy error</html>', { status: 200 }),
    ]) {
      const client = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch: async () => response } as any });
      await expect(client.decide(['component:default/orders'])).rejects.toThrow();
    }
  });
});

describe('applyAccess with tenants', () => {
  const retail = { id: 'retail', title: 'Retail' };

  it("never lists another tenant's apps or apps of no tenant as denied, and gives allowed apps the tenant", () => {
    const { allowed, denied } = applyAccess([app('orders'), app('trucks'), app('loose'), app('secret')], {
      mode: 'permission-framework',
      decisions: [
        { entityRef: 'component:default/orders', result: 'allow', tenant: 'retail' },
        { entityRef: 'component:default/trucks', result: 'deny', reason: 'other-tenant' },
        { entityRef: 'component:default/loose', result: 'deny', reason: 'no-tenant' },
        { entityRef: 'component:default/secret', result: 'deny', reason: 'policy' },
      ],
    }, retail);
    expect(allowed.map(a => [a.label, a.tenant])).toEqual([['orders', retail]]);
    expect(denied.map(d => [d.label, d.reason])).toEqual([['secret', 'policy']]);
  });

  it('hides an allow that names another tenant than the one shown', () => {
    const { allowed, denied } = applyAccess([app('trucks')], {
      mode: 'permission-framework',
      decisions: [{ entityRef: 'component:default/trucks', result: 'allow', tenant: 'logistics' }],
    }, retail);
    expect(allowed).toEqual([]);
    expect(denied).toEqual([]);
  });

  it('says why, in words, for the tenant reasons too', () => {
    expect(denialSentence('tenant-denied')).toMatch(/may not enter the tenant/);
    expect(denialSentence('policy')).toBe('Your access does not include this micro app.');
  });
});

describe('microAppTokenRequest', () => {
  const base = { entityRef: 'component:default/orders', purpose: 'open' as const, sourceToken: 'source-token' };

  it("sends the token source's token only when the identity provider issues per-app tokens", () => {
    expect(microAppTokenRequest({ ...base, issuer: 'luigi-backend' })).toEqual({
      entityRef: 'component:default/orders',
      purpose: 'open',
    });
    expect(microAppTokenRequest({ ...base, tenant: 'retail', issuer: 'identity-provider' })).toEqual({
      entityRef: 'component:default/orders',
      purpose: 'open',
      tenant: 'retail',
      subjectToken: 'source-token',
    });
    expect(microAppTokenRequest({ ...base, sourceToken: undefined, issuer: 'identity-provider' })).not.toHaveProperty(
      'subjectToken',
    );
  });
});

describe('LuigiAccessClient with tenants', () => {
  const discoveryApi = { getBaseUrl: async () => 'http://backend/api/luigi' };
  const answering = (status: number, body: unknown) =>
    jest.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify(body), { status }));

  it('reads the tenants the user may enter', async () => {
    const fetch = answering(200, { configured: true, tenants: [{ id: 'retail', title: 'Retail' }] });
    const client = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch } as any });
    await expect(client.tenants()).resolves.toEqual({ configured: true, tenants: [{ id: 'retail', title: 'Retail' }] });
    expect(fetch).toHaveBeenCalledWith('http://backend/api/luigi/tenants', expect.objectContaining({ method: 'GET' }));
  });

  it('enters a tenant, says when the backend refuses, and fails when it cannot decide', async () => {
    const fetch = answering(200, { tenant: { id: 'logistics', title: 'Logistics' } });
    const client = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch } as any });
    await expect(client.enterTenant('logistics', 'retail')).resolves.toEqual({
      entered: true,
      tenant: { id: 'logistics', title: 'Logistics' },
    });
    expect(fetch).toHaveBeenCalledWith('http://backend/api/luigi/tenants/enter', expect.objectContaining({
      method: 'POST',
      body: JSON.stringify({ tenant: 'logistics', from: 'retail' }),
    }));
    const refusing = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch: answering(403, { error: {} }) } as any });
    await expect(refusing.enterTenant('logistics')).resolves.toEqual({ entered: false });
    const failing = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch: answering(500, { error: {} }) } as any });
    await expect(failing.enterTenant('logistics')).rejects.toThrow();
    // An answer for another tenant than the one asked is no answer.
    await expect(client.enterTenant('retail')).rejects.toThrow();
  });

  it('asks for decisions in a tenant', async () => {
    const fetch = answering(200, { mode: 'permission-framework', decisions: [] });
    const client = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch } as any });
    await client.decide(['component:default/orders'], 'retail');
    expect(fetch.mock.calls[0][1]?.body).toBe(JSON.stringify({ entityRefs: ['component:default/orders'], tenant: 'retail' }));
  });

  it('sends the token request as given, and refuses a token of another tenant', async () => {
    const token = { token: 'a.b.c', expiresAt: 1_000_000, audience: 'orders', entityRef: 'component:default/orders', tenant: 'retail' };
    const fetch = answering(200, token);
    const client = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch } as any });
    await expect(client.issueToken({ entityRef: 'component:default/orders', tenant: 'retail', purpose: 'refresh' })).resolves.toEqual(token);
    expect(fetch).toHaveBeenCalledWith('http://backend/api/luigi/tokens', expect.objectContaining({
      body: JSON.stringify({ entityRef: 'component:default/orders', tenant: 'retail', purpose: 'refresh' }),
      cache: 'no-store',
    }));
    await expect(client.issueToken({ entityRef: 'component:default/orders', tenant: 'logistics' })).rejects.toThrow(
      /another tenant/,
    );
  });
});
