import { LuigiAccessClient } from './luigiAccessApi';

describe('LuigiAccessClient admin warnings', () => {
  const discoveryApi = { getBaseUrl: async () => 'http://backend/api/luigi' };
  const warning = {
    id: 'allow-all-module',
    title: 'Everybody may open every micro app',
    message: 'The permission backend runs the module allow-all-policy.',
    fix: 'Remove it.',
    detectedAt: '2026-12-07T10:00:00.000Z',
  };

  it("GETs the backend's admin warnings route, uncached, and reads the answer", async () => {
    const fetch = jest.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify({ warnings: [warning, { ...warning, id: 'from-a-newer-backend' }] }), { status: 200 }),
    );
    const client = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch } as any });
    await expect(client.adminWarnings()).resolves.toEqual({ warnings: [warning] });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/luigi/admin/warnings',
      expect.objectContaining({ method: 'GET', cache: 'no-store' }),
    );
  });

  it('fails on an error response or a malformed answer', async () => {
    for (const response of [
      new Response(JSON.stringify({ error: {} }), { status: 500 }),
      new Response(JSON.stringify({ warnings: 'none' }), { status: 200 }),
    ]) {
      const client = new LuigiAccessClient({ discoveryApi, fetchApi: { fetch: async () => response } as any });
      await expect(client.adminWarnings()).rejects.toThrow();
    }
  });
});
