import { Entity } from '@backstage/catalog-model';
import { buildMicroApps, groupByCategory } from './buildMicroApps';
import { normalizeAllowedOrigins } from 'backstage-plugin-luigi-common';

const allowed = normalizeAllowedOrigins([
  'https://apps.example.com',
  'http://localhost:7100',
]).origins;

function entity(
  name: string,
  viewUrl: unknown,
  extra: { namespace?: string; kind?: string; title?: string; category?: string; system?: string; owner?: string } = {},
): Entity {
  const annotations: Record<string, string> = {};
  if (viewUrl !== undefined) annotations['luigi-project.io/view-url'] = viewUrl as string;
  if (extra.category) annotations['luigi-project.io/category'] = extra.category;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: extra.kind ?? 'Component',
    metadata: { name, namespace: extra.namespace, title: extra.title, annotations },
    spec: { owner: extra.owner ?? 'team-a', system: extra.system },
  };
}

describe('buildMicroApps', () => {
  it('turns an annotated entity into a micro app with context', () => {
    const { apps, rejected } = buildMicroApps(
      [entity('orders', 'https://apps.example.com/orders/', { title: 'Orders', system: 'shop' })],
      { allowedOrigins: allowed },
    );
    expect(rejected).toEqual([]);
    expect(apps).toEqual([
      {
        pathSegment: 'orders',
        label: 'Orders',
        description: undefined,
        category: 'shop',
        viewUrl: 'https://apps.example.com/orders/',
        entity: {
          ref: 'component:default/orders',
          kind: 'Component',
          namespace: 'default',
          name: 'orders',
          title: 'Orders',
          owner: 'group:default/team-a',
          system: 'system:default/shop',
        },
      },
    ]);
  });

  it('gives entities with the same name distinct, stable path segments', () => {
    const { apps } = buildMicroApps(
      [
        entity('orders', 'https://apps.example.com/a/'),
        entity('orders', 'https://apps.example.com/b/', { namespace: 'payments' }),
        entity('orders', 'https://apps.example.com/c/', { kind: 'API' }),
      ],
      { allowedOrigins: allowed },
    );
    const segments = apps.map(a => a.pathSegment).sort();
    expect(segments).toEqual(['api~default~orders', 'component~payments~orders', 'orders']);
    expect(new Set(segments).size).toBe(3);
  });

  it('uses the title, else the name, as label', () => {
    const { apps } = buildMicroApps(
      [entity('plain-name', 'https://apps.example.com/x/')],
      { allowedOrigins: allowed },
    );
    expect(apps[0].label).toBe('plain-name');
  });

  it('takes the category from the annotation, then the system, then a fallback', () => {
    const { apps } = buildMicroApps(
      [
        entity('a', 'https://apps.example.com/a/', { category: 'Sales', system: 'shop' }),
        entity('b', 'https://apps.example.com/b/', { system: 'system:default/shop' }),
        entity('c', 'https://apps.example.com/c/'),
      ],
      { allowedOrigins: allowed },
    );
    expect(Object.fromEntries(apps.map(a => [a.pathSegment, a.category]))).toEqual({
      a: 'Sales',
      b: 'shop',
      c: 'Other',
    });
    expect(groupByCategory(apps).map(([category]) => category)).toEqual(['Other', 'Sales', 'Shop']);
  });

  it.each([
    ['http://apps.example.com/x/', 'must use https:'],
    ['https://evil.example.net/x/', 'origin https://evil.example.net is not in luigi.allowedOrigins'],
    ['javascript:alert(1)', 'the javascript: scheme is not allowed'],
    ['data:text/html,<script>1</script>', 'the data: scheme is not allowed'],
    ['/relative/path', 'is not an absolute URL'],
    ['not-a-url', 'is not an absolute URL'],
    ['not a url', 'must not contain whitespace or control characters'],
    ['', 'the view URL annotation is empty'],
    ['https://user:pw@apps.example.com/x/', 'must not contain credentials'],
    ['http://localhost:7999/x/', 'origin http://localhost:7999 is not in luigi.allowedOrigins'],
  ])('rejects %s with a reason and keeps the other apps', (url, reason) => {
    const { apps, rejected } = buildMicroApps(
      [entity('bad', url, { title: 'Bad <b>app</b>' }), entity('good', 'https://apps.example.com/g/')],
      { allowedOrigins: allowed },
    );
    expect(apps.map(a => a.pathSegment)).toEqual(['good']);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].entityRef).toBe('component:default/bad');
    expect(rejected[0].label).toBe('Bad <b>app</b>');
    expect(rejected[0].reason).toContain(reason);
  });

  it('accepts http only on loopback origins that are allowlisted', () => {
    const { apps } = buildMicroApps(
      [entity('local', 'http://localhost:7100/apps/x/')],
      { allowedOrigins: allowed },
    );
    expect(apps).toHaveLength(1);
  });

  it('refuses everything when the allowlist is empty (deny by default)', () => {
    const { apps, rejected } = buildMicroApps(
      [entity('a', 'https://apps.example.com/a/')],
      { allowedOrigins: new Set() },
    );
    expect(apps).toEqual([]);
    expect(rejected[0].reason).toContain('not in luigi.allowedOrigins');
  });
});
