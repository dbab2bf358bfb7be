import { MicroApp } from '../catalog/types';
import { applyAccess } from './applyAccess';
import { LuigiAccessClient } from './luigiAccessApi';
import { requestAccessUrl } from './requestAccessUrl';

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
