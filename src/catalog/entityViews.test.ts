import { Entity } from '@backstage/catalog-model';
import { buildMicroApps } from './buildMicroApps';
import { normalizeAllowedOrigins } from 'backstage-plugin-luigi-common';
import { buildEntityViews, isLuigiAvailable } from './entityViews';

const allowed = normalizeAllowedOrigins(['https://apps.example.com', 'http://localhost:7100']).origins;

function entity(
  annotations: Record<string, string>,
  extra: { name?: string; namespace?: string; kind?: string; title?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: extra.kind ?? 'Component',
    metadata: {
      name: extra.name ?? 'orders',
      namespace: extra.namespace,
      title: extra.title ?? 'Orders',
      annotations,
    },
    spec: { owner: 'team-a', system: 'shop' },
  };
}

const VIEW_URL = 'luigi-project.io/view-url';
const VIEWS = 'luigi-project.io/views';

describe('isLuigiAvailable', () => {
  it('is true for either annotation, even when its value is invalid', () => {
    expect(isLuigiAvailable(entity({ [VIEW_URL]: 'https://apps.example.com/a/' }))).toBe(true);
    expect(isLuigiAvailable(entity({ [VIEWS]: 'A=https://apps.example.com/a/' }))).toBe(true);
    expect(isLuigiAvailable(entity({ [VIEW_URL]: 'javascript:alert(1)' }))).toBe(true);
  });

  it('is false without them, or when they are blank', () => {
    expect(isLuigiAvailable(entity({}))).toBe(false);
    expect(isLuigiAvailable(entity({ [VIEW_URL]: '  ', [VIEWS]: '' }))).toBe(false);
    expect(isLuigiAvailable({ apiVersion: 'v1', kind: 'Component', metadata: { name: 'x' } })).toBe(false);
  });
});

describe('buildEntityViews', () => {
  it('gives the view-url view the same node as on the micro apps page', () => {
    const subject = entity({ [VIEW_URL]: 'https://apps.example.com/orders/' });
    const { views, rejected } = buildEntityViews(subject, allowed);
    expect(rejected).toEqual([]);
    expect(views).toEqual(buildMicroApps([subject], { allowedOrigins: allowed }).apps);
  });

  it('adds one view per entry of the views annotation, in order, with the entity in context', () => {
    const { views, rejected } = buildEntityViews(
      entity({
        [VIEW_URL]: 'https://apps.example.com/orders/',
        [VIEWS]: 'Settings=https://apps.example.com/orders/settings\nBuild & Deploy=http://localhost:7100/deploy/',
      }),
      allowed,
    );
    expect(rejected).toEqual([]);
    expect(views.map(v => [v.pathSegment, v.label, v.viewUrl])).toEqual([
      ['orders', 'Orders', 'https://apps.example.com/orders/'],
      ['orders~settings', 'Settings', 'https://apps.example.com/orders/settings'],
      ['orders~build-deploy', 'Build & Deploy', 'http://localhost:7100/deploy/'],
    ]);
    for (const view of views) {
      expect(view.entity.ref).toBe('component:default/orders');
      expect(view.category).toBe('shop');
    }
  });

  it('works with the views annotation alone', () => {
    const { views } = buildEntityViews(entity({ [VIEWS]: 'A=https://apps.example.com/a/' }), allowed);
    expect(views.map(v => v.pathSegment)).toEqual(['orders~a']);
  });

  it('keeps segments unique for repeated or unsluggable labels, and stable when a view is fixed', () => {
    const annotation = (second: string) =>
      `Logs=https://apps.example.com/1/\nLogs=${second}\n日本語=https://apps.example.com/3/\nlogs-2=https://apps.example.com/4/`;
    const broken = buildEntityViews(entity({ [VIEWS]: annotation('https://evil.example.net/2/') }), allowed);
    const fixed = buildEntityViews(entity({ [VIEWS]: annotation('https://apps.example.com/2/') }), allowed);
    expect(fixed.views.map(v => v.pathSegment)).toEqual([
      'orders~logs',
      'orders~logs-2',
      'orders~view-3',
      'orders~logs-2-2',
    ]);
    expect(new Set(fixed.views.map(v => v.pathSegment)).size).toBe(4);
    // The broken second view is left out without renaming the views after it.
    expect(broken.views.map(v => v.pathSegment)).toEqual(['orders~logs', 'orders~view-3', 'orders~logs-2-2']);
  });

  it('spells out kind and namespace like the page does', () => {
    const { views } = buildEntityViews(
      entity(
        { [VIEW_URL]: 'https://apps.example.com/a/', [VIEWS]: 'Docs=https://apps.example.com/d/' },
        { kind: 'API', namespace: 'payments' },
      ),
      allowed,
    );
    expect(views.map(v => v.pathSegment)).toEqual(['api~payments~orders', 'api~payments~orders~docs']);
  });

  it('hides only the bad views and says why', () => {
    const { views, rejected } = buildEntityViews(
      entity({
        [VIEW_URL]: 'https://evil.example.net/x/',
        [VIEWS]: [
          'Good=https://apps.example.com/good/',
          'Script=javascript:alert(1)',
          'Plain=http://apps.example.com/p/',
          'no separator',
        ].join('\n'),
      }),
      allowed,
    );
    expect(views.map(v => v.label)).toEqual(['Good']);
    expect(rejected).toEqual([
      {
        label: 'Orders',
        annotation: VIEW_URL,
        reason: 'origin https://evil.example.net is not in luigi.allowedOrigins',
      },
      {
        label: 'no separator',
        annotation: VIEWS,
        reason: '"no separator" is not of the form Label=https://…',
      },
      { label: 'Script', annotation: VIEWS, reason: expect.stringContaining('the javascript: scheme is not allowed') },
      { label: 'Plain', annotation: VIEWS, reason: expect.stringContaining('must use https:') },
    ]);
  });

  it('refuses every view when the allowlist is empty', () => {
    const { views, rejected } = buildEntityViews(
      entity({ [VIEW_URL]: 'https://apps.example.com/a/', [VIEWS]: 'B=https://apps.example.com/b/' }),
      new Set(),
    );
    expect(views).toEqual([]);
    expect(rejected).toHaveLength(2);
  });
});
