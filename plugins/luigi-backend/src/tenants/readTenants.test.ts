import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { startLuigiTestBackend } from '../testing/testBackend';
import { readTenants } from './readTenants';

const GLOBAL = new Set(['https://apps.example.com', 'https://other.example.com']);

const read = (tenants: unknown) => readTenants(new ConfigReader({ luigi: { tenants } } as JsonObject), GLOBAL);

describe('readTenants', () => {
  it('reads tenants in config order; the title defaults to the id, the origins to the global allowlist', () => {
    const tenants = read([
      { id: 'commerce', title: 'Commerce', namespaces: ['default'] },
      { id: 'logistics', namespaces: ['logistics', 'Depot'], allowedOrigins: ['https://apps.example.com/'] },
      { id: 'retail' },
    ]);
    expect(tenants).toEqual([
      { id: 'commerce', title: 'Commerce', namespaces: ['default'], origins: GLOBAL },
      {
        id: 'logistics',
        title: 'logistics',
        namespaces: ['logistics', 'Depot'],
        allowedOrigins: ['https://apps.example.com'],
        origins: new Set(['https://apps.example.com']),
      },
      { id: 'retail', title: 'retail', namespaces: [], origins: GLOBAL },
    ]);
  });

  it('reads no tenants from nothing, and from an empty list', () => {
    expect(readTenants(new ConfigReader({}), GLOBAL)).toEqual([]);
    expect(read([])).toEqual([]);
  });

  it('lets a tenant narrow the allowlist to no origin at all', () => {
    expect(read([{ id: 'sealed', allowedOrigins: [] }])[0].origins).toEqual(new Set());
  });

  it.each([
    [[{ id: 'Commerce' }], 'luigi.tenants[0].id "Commerce" is not a tenant id'],
    [[{ id: 'a', namespaces: [] }, { id: '-b' }], 'luigi.tenants[1].id "-b" is not a tenant id'],
    [[{ id: 'x'.repeat(64) }], 'is not a tenant id'],
    [[{ id: 'a' }, { id: 'b' }, { id: 'a' }], 'luigi.tenants[2].id "a" is the id of luigi.tenants[0] already'],
    [
      [{ id: 'a', namespaces: ['default'] }, { id: 'b', namespaces: ['Default'] }],
      'luigi.tenants[1].namespaces: namespace "Default" belongs to tenant a already',
    ],
    [
      [{ id: 'a', allowedOrigins: ['https://evil.example.net'] }],
      'luigi.tenants[0].allowedOrigins: https://evil.example.net is not in luigi.allowedOrigins (a tenant narrows the global allowlist, it never widens it)',
    ],
    [
      [{ id: 'a', allowedOrigins: ['https://apps.example.com:8443'] }],
      'https://apps.example.com:8443 is not in luigi.allowedOrigins',
    ],
    [
      [{ id: 'a', allowedOrigins: ['https://apps.example.com/path'] }],
      'luigi.tenants[0].allowedOrigins entry "https://apps.example.com/path" is not an origin (scheme://host[:port])',
    ],
  ])('refuses %j: %s', (tenants, message) => {
    expect(() => read(tenants)).toThrow(message);
  });

  it('refuses a tenant without an id, naming the setting', () => {
    expect(() => read([{ title: 'No id' }])).toThrow(/luigi\.tenants\[0\]\.id/);
  });
});

describe('tenant settings', () => {
  it('stop the backend from starting when invalid', async () => {
    await expect(
      startLuigiTestBackend({
        luigi: {
          allowedOrigins: ['https://apps.example.com'],
          tenants: [{ id: 'commerce', allowedOrigins: ['https://evil.example.net'] }],
        },
      }),
    ).rejects.toThrow('luigi.tenants[0].allowedOrigins: https://evil.example.net is not in luigi.allowedOrigins');
  });
});
