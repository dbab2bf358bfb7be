import { contentConfigurationToNodeSettings } from './contentConfiguration';
import { normalizeClientPermissionLimits } from './nodeSettings';
import { readNodeSettings } from './registeredNodeSettings';

const VIEW_URL = 'https://apps.example.com/ui/orders/';
const allowedOrigins = new Set(['https://apps.example.com', 'https://other.example.com']);
const rules = { allowedOrigins, viewUrl: VIEW_URL };

const configuration = (data: Record<string, unknown>, top: Record<string, unknown> = {}) =>
  JSON.stringify({ name: 'orders', creationTimestamp: '', ...top, luigiConfigFragment: { data } });

/** A content configuration in the shape OpenMFP's micro frontend template ships. */
const ORDERS = configuration({
  nodeDefaults: { entityType: 'main', isolateView: false },
  nodes: [
    {
      pathSegment: 'orders',
      label: '{{orders}}',
      entityType: 'main',
      icon: 'sales-order',
      url: VIEW_URL,
      loadingIndicator: { enabled: false },
      children: [
        {
          pathSegment: 'open',
          label: '{{open}}',
          urlSuffix: '/ui/orders/open.html',
          category: { label: '{{lists}}', collapsible: true },
          context: { title: '{{open}}' },
          viewGroup: 'orders',
          order: 1,
        },
        { pathSegment: 'new', label: 'New order', url: 'https://apps.example.com/ui/orders/new.html', openNodeInModal: { size: 's' } },
      ],
    },
  ],
  texts: [
    { locale: 'de', textDictionary: { orders: 'Bestellungen', open: 'Offen', lists: 'Listen' } },
    { locale: '', textDictionary: { orders: 'Orders', open: 'Open orders', lists: 'Lists' } },
  ],
});

describe('an OpenMFP content configuration as node settings', () => {
  it("becomes the entity's node: texts filled in, urlSuffix on the configuration's origin, placement keys dropped", () => {
    expect(readNodeSettings({ 'luigi-project.io/content-configuration': ORDERS }, rules)).toEqual({
      annotation: 'luigi-project.io/content-configuration',
      check: {
        ok: true,
        settings: {
          icon: 'sales-order',
          loadingIndicator: { enabled: false },
          children: [
            {
              pathSegment: 'open',
              label: 'Open orders',
              viewUrl: 'https://apps.example.com/ui/orders/open.html',
              category: 'Lists',
              context: { title: 'Open orders' },
              viewGroup: 'orders',
            },
            { pathSegment: 'new', label: 'New order', viewUrl: 'https://apps.example.com/ui/orders/new.html', openNodeInModal: { size: 's' } },
          ],
        },
      },
    });
  });

  it("resolves urlSuffix against the configuration's own url, else the entity's view URL, keeping only the origin", () => {
    const suffixed = (top: Record<string, unknown>) =>
      configuration({ nodes: [{ urlSuffix: '/ui/orders/', children: [{ pathSegment: 'a', label: 'A', urlSuffix: '/a.html' }] }] }, top);
    expect(contentConfigurationToNodeSettings(suffixed({}), VIEW_URL)).toEqual({
      ok: true,
      nodeSettings: { children: [{ pathSegment: 'a', label: 'A', viewUrl: 'https://apps.example.com/a.html' }] },
    });
    const moved = contentConfigurationToNodeSettings(suffixed({ url: 'https://other.example.com/assets/content-configuration.json' }), VIEW_URL);
    expect(moved).toEqual({
      ok: false,
      reason: expect.stringContaining('its URL https://other.example.com/ui/orders/ is not the entity\'s luigi-project.io/view-url'),
    });
  });

  it('fills placeholders per string, so a text with quotes cannot change the structure', () => {
    const quoted = configuration({
      nodes: [{ context: { title: '{{title}}' } }],
      texts: [{ textDictionary: { title: '", "webcomponent": true, "x": "' } }],
    });
    expect(contentConfigurationToNodeSettings(quoted, VIEW_URL)).toEqual({
      ok: true,
      nodeSettings: { context: { title: '", "webcomponent": true, "x": "' } },
    });
  });

  it.each([
    ['not JSON', '{', 'the content configuration is not valid JSON'],
    ['no data', JSON.stringify({ name: 'x', luigiConfigFragment: {} }), 'content configuration: luigiConfigFragment: needs data'],
    ['an unknown top-level key', JSON.stringify({ version: '3.0', luigiConfigFragment: { data: { nodes: [] } } }), 'version: is not a content configuration key'],
    ['two nodes', configuration({ nodes: [{}, {}] }), 'must hold exactly one node'],
    ['intent navigation', configuration({ nodes: [{}], targetAppConfig: {} }), 'targetAppConfig: is not supported: intent-based navigation'],
    ['a child without a URL', configuration({ nodes: [{ children: [{ pathSegment: 'a', label: 'A' }] }] }), 'children[0]: needs url or urlSuffix'],
    ['another app URL on the node', configuration({ nodes: [{ url: 'https://apps.example.com/ui/billing/' }] }), 'is not the entity\'s luigi-project.io/view-url'],
  ])('is refused with the reason: %s', (_case, raw, reason) => {
    const result = readNodeSettings({ 'luigi-project.io/content-configuration': raw }, rules);
    expect(result?.check).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it.each([
    ['a web component', { webcomponent: { selfRegistered: true } }, 'webcomponent: is not supported: web-component nodes run their script'],
    ['visibility rules of the OpenMFP portal', { visibleForContext: 'entityContext.project' }, 'visibleForContext: is not a supported node setting'],
    ['a child at another origin', { children: [{ pathSegment: 'a', label: 'A', url: 'https://other.example.com/a' }] }, "must be at the micro app's origin"],
    ['a client permission the admin does not allow', { clientPermissions: { urlParameters: { url: { read: true } } } }, 'is not in luigi.clientPermissions'],
  ])('is checked as node settings once converted: %s', (_case, node, reason) => {
    const result = readNodeSettings({ 'luigi-project.io/content-configuration': configuration({ nodes: [node] }) }, rules);
    expect(result?.check).toEqual({ ok: false, reason: expect.stringContaining(`content configuration, as node settings: `) });
    expect(result?.check).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('grants client permissions within the limits given', () => {
    const raw = configuration({ nodes: [{ clientPermissions: { urlParameters: { url: { read: true } } } }] });
    const limits = normalizeClientPermissionLimits({ urlParameters: ['url'] });
    expect(readNodeSettings({ 'luigi-project.io/content-configuration': raw }, { ...rules, clientPermissions: limits })?.check.ok).toBe(true);
  });

  it('is refused beside luigi-project.io/node-settings: one source of settings per entity', () => {
    const both = { 'luigi-project.io/content-configuration': ORDERS, 'luigi-project.io/node-settings': '{}' };
    expect(readNodeSettings(both, rules)?.check).toEqual({
      ok: false,
      reason: 'give either luigi-project.io/node-settings or luigi-project.io/content-configuration, not both',
    });
  });
});
