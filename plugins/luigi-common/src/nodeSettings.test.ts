import { checkNodeSettings, normalizeClientPermissionLimits } from './nodeSettings';

const allowedOrigins = new Set(['https://apps.example.com', 'https://other.example.com']);
const viewUrl = 'https://apps.example.com/home/';
const rules = { allowedOrigins, viewUrl };

function check(settings: unknown, extra: Partial<Parameters<typeof checkNodeSettings>[1]> = {}) {
  return checkNodeSettings(typeof settings === 'string' ? settings : JSON.stringify(settings), { ...rules, ...extra });
}

function reasonOf(settings: unknown, extra?: Partial<Parameters<typeof checkNodeSettings>[1]>): string {
  const result = check(settings, extra);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.settings)}`);
  return result.reason;
}

describe('checkNodeSettings', () => {
  it('has no settings without the annotation', () => {
    expect(checkNodeSettings(undefined, rules)).toEqual({ ok: true, settings: {} });
  });

  it("accepts the node of Luigi's own JavaScript example, moved under the entity", () => {
    // From core/examples/luigi-example-js/public/luigi-config.js (Luigi 2.31.0): the Home node's
    // children, with view URLs made absolute and the external links left in the entity's links.
    const result = check({
      icon: 'home',
      children: [
        {
          pathSegment: 'sample1',
          label: 'First',
          icon: 'nutrition-activity',
          viewUrl: 'https://apps.example.com/views/sample1.html',
          loadingIndicator: { enabled: false },
        },
      ],
    });
    expect(result).toEqual({
      ok: true,
      settings: {
        icon: 'home',
        children: [
          {
            pathSegment: 'sample1',
            label: 'First',
            icon: 'nutrition-activity',
            viewUrl: 'https://apps.example.com/views/sample1.html',
            loadingIndicator: { enabled: false },
          },
        ],
      },
    });
  });

  it('accepts view groups, modals, context, hidden children and virtual trees', () => {
    const result = check({
      viewGroup: 'orders',
      context: { region: 'eu', limits: { max: 3 } },
      children: [
        {
          pathSegment: ':orderId',
          label: 'Order',
          viewUrl: 'https://apps.example.com/order.html',
          hideFromNav: true,
          virtualTree: true,
          viewGroup: 'orders',
        },
        { pathSegment: 'new', label: 'New order', viewUrl: 'https://apps.example.com/new.html', openNodeInModal: { title: 'New order', size: 'm' } },
      ],
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    ['not JSON', '{loadingIndicator: false}', 'the node settings are not valid JSON'],
    ['a list', [], 'node settings: must be an object'],
    ['an unknown key', { colour: 'red' }, 'node settings: colour: is not a supported node setting'],
    ['a web component', { webcomponent: { selfRegistered: true } }, 'webcomponent: is not supported: web-component nodes run their script in the portal page'],
    ['an external link', { children: [{ label: 'x', externalLink: { url: 'https://x' } }] }, 'children[0].externalLink: is not supported'],
    ['a function as text', { onNodeActivation: 'alert(1)' }, 'onNodeActivation: is not supported: functions cannot be registered'],
    ['the root replacing its view URL', { viewUrl: 'https://apps.example.com/other' }, 'viewUrl: comes from the entity'],
    ['the root as a modal', { openNodeInModal: true }, 'openNodeInModal: the micro app itself is the page'],
    ['a loading indicator as text', { loadingIndicator: { enabled: 'no' } }, 'loadingIndicator.enabled: must be true or false'],
    ['a reserved context key', { context: { token: 'forged' } }, 'context.token: is set by the portal'],
    ['a huge context', { context: { blob: 'x'.repeat(5000) } }, 'context: is longer than 4096 characters'],
    ['an icon URL', { icon: 'https://evil.example.net/i.svg' }, 'icon: must be a name'],
    ['a navigation context that is no name', { navigationContext: '../../billing' }, 'navigationContext: must be a name'],
  ])('refuses %s with where and why', (_name, settings, reason) => {
    expect(reasonOf(settings)).toContain(reason);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)', 'children[0].viewUrl:'],
    ['an origin not allowlisted', 'https://evil.example.net/x', 'is not in luigi.allowedOrigins'],
    ['another allowlisted origin', 'https://other.example.com/x', "must be at the micro app's origin https://apps.example.com"],
    ['a relative URL', '/views/sample1.html', 'children[0].viewUrl:'],
  ])("refuses a child view URL that is %s", (_name, childUrl, reason) => {
    expect(reasonOf({ children: [{ pathSegment: 'a', label: 'A', viewUrl: childUrl }] })).toContain(reason);
  });

  it("keeps children under the entity's own path", () => {
    const child = (pathSegment: unknown) => ({ children: [{ pathSegment, label: 'A', viewUrl: 'https://apps.example.com/a' }] });
    expect(reasonOf(child('../billing'))).toContain('children[0].pathSegment: must be one path segment');
    expect(reasonOf(child('a/b'))).toContain('without a slash');
    expect(reasonOf(child(''))).toContain('must be one path segment');
    expect(
      reasonOf({
        children: [
          { pathSegment: 'a', label: 'A', viewUrl: 'https://apps.example.com/a' },
          { pathSegment: 'a', label: 'B', viewUrl: 'https://apps.example.com/b' },
        ],
      }),
    ).toContain('children[1].pathSegment: a is used twice');
    expect(reasonOf({ children: [{ label: 'A', viewUrl: 'https://apps.example.com/a' }] })).toContain('children[0]: needs pathSegment');
  });

  it('bounds the tree: depth, node count and length', () => {
    let deep: any = { pathSegment: 'x', label: 'X', viewUrl: 'https://apps.example.com/x' };
    for (let i = 0; i < 6; i++) deep = { pathSegment: `n${i}`, label: 'N', viewUrl: 'https://apps.example.com/n', children: [deep] };
    expect(reasonOf({ children: [deep] })).toContain('nest deeper than 5 levels');
    const many = Array.from({ length: 101 }, (_, i) => ({ pathSegment: `c${i}`, label: 'C', viewUrl: 'https://apps.example.com/c' }));
    expect(reasonOf({ children: many })).toContain('more than 100 nodes');
    expect(reasonOf(`{"context":{"a":"${'x'.repeat(17000)}"}}`)).toBe('the node settings are longer than 16384 characters');
  });

  it('grants client permissions only within luigi.clientPermissions', () => {
    const settings = { clientPermissions: { urlParameters: { sort: { read: true, write: true } } } };
    expect(reasonOf(settings)).toContain('clientPermissions.urlParameters.sort: is not in luigi.clientPermissions.urlParameters');
    const limits = normalizeClientPermissionLimits({ urlParameters: ['sort'] });
    expect(check(settings, { clientPermissions: limits })).toEqual({ ok: true, settings });
    expect(check(settings, { clientPermissions: normalizeClientPermissionLimits({ urlParameters: ['*'] }) }).ok).toBe(true);
    expect(reasonOf({ clientPermissions: { changeCurrentLocale: true } }, { clientPermissions: limits })).toContain(
      'is not allowed by luigi.clientPermissions.changeCurrentLocale',
    );
    expect(reasonOf({ clientPermissions: { urlParameters: { sort: { read: 'yes' } } } }, { clientPermissions: limits })).toContain(
      'urlParameters.sort.read: must be true or false',
    );
    expect(reasonOf({ clientPermissions: { everything: true } }, { clientPermissions: limits })).toContain(
      'clientPermissions.everything: is not a Luigi client permission',
    );
  });

  it('quotes entity text printable and short', () => {
    const reason = reasonOf({ ['\u202e' + 'k'.repeat(200)]: 1 });
    expect(reason).not.toContain('\u202e');
    expect(reason.length).toBeLessThan(160);
  });
});
