import { checkRegistration, hasValidView } from './registration';
import { checkViewUrl, normalizeAllowedOrigins } from './viewUrl';

const allowed = normalizeAllowedOrigins(['https://apps.example.com', 'http://localhost:7100']).origins;
const viewUrl = (url: string) => ({ 'luigi-project.io/view-url': url });

describe('checkRegistration', () => {
  it('finds nothing wrong with a valid registration, or with an entity that has none', () => {
    expect(checkRegistration(viewUrl('https://apps.example.com/orders/'), allowed)).toEqual([]);
    expect(checkRegistration({ 'backstage.io/techdocs-ref': 'dir:.' }, allowed)).toEqual([]);
    expect(checkRegistration(undefined, allowed)).toEqual([]);
  });

  // Every rule a view URL must pass, with the reason both the catalog and the page show.
  it.each([
    ['', 'the view URL annotation is empty'],
    ['   ', 'the view URL annotation is empty'],
    ['/orders/', '"/orders/" is not an absolute URL'],
    ['apps.example.com/orders', '"apps.example.com/orders" is not an absolute URL'],
    ['javascript:alert(1)', 'the javascript: scheme is not allowed; use https:'],
    ['data:text/html,<script>alert(1)</script>', 'the data: scheme is not allowed; use https:'],
    ['ftp://apps.example.com/', 'the ftp: scheme is not allowed; use https:'],
    ['http://apps.example.com/', '"http://apps.example.com/" must use https: (http: is allowed only on loopback)'],
    ['https://user:secret@apps.example.com/', 'view URLs must not contain credentials'],
    ['https://evil.example.net/', 'origin https://evil.example.net is not in luigi.allowedOrigins'],
    ['https://apps.example.com.evil.net/', 'origin https://apps.example.com.evil.net is not in luigi.allowedOrigins'],
    ['https://apps.example.com:8443/', 'origin https://apps.example.com:8443 is not in luigi.allowedOrigins'],
    ['http://localhost:7200/', 'origin http://localhost:7200 is not in luigi.allowedOrigins'],
    ['https://xn--pple-43d.com/', 'origin https://xn--pple-43d.com is not in luigi.allowedOrigins'],
    ['https://аpple.com/', 'the host of the view URL must be ASCII (write an international name in its xn-- form)'],
    ['https://<b>x</b>', '"https://<b>x</b>" is not an absolute URL'],
  ])('refuses view-url %j: %s', (url, reason) => {
    expect(checkRegistration(viewUrl(url), allowed)).toEqual([{ annotation: 'luigi-project.io/view-url', reason }]);
  });

  it('checks every entry of the views annotation on its own, keeping labels as text', () => {
    const problems = checkRegistration(
      {
        'luigi-project.io/view-url': 'https://apps.example.com/orders/',
        'luigi-project.io/views': [
          'Settings=https://apps.example.com/orders/settings',
          '<script>alert(1)</script>=https://evil.example.net/',
          'no equals sign here',
          '=https://apps.example.com/x',
          'Empty=',
        ].join('\n'),
      },
      allowed,
    );
    expect(problems).toEqual([
      { annotation: 'luigi-project.io/views', label: 'no equals sign here', reason: '"no equals sign here" is not of the form Label=https://…' },
      { annotation: 'luigi-project.io/views', label: '=https://apps.example.com/x', reason: '"=https://apps.example.com/x" has no label before "="' },
      { annotation: 'luigi-project.io/views', label: 'Empty', reason: 'the view "Empty" has no URL after "="' },
      {
        annotation: 'luigi-project.io/views',
        label: '<script>alert(1)</script>',
        reason: 'origin https://evil.example.net is not in luigi.allowedOrigins',
      },
    ]);
  });

  it('gives the same reasons as the check the frontend applies', () => {
    const url = 'https://evil.example.net/';
    const check = checkViewUrl(url, allowed);
    expect(check.ok).toBe(false);
    expect(checkRegistration(viewUrl(url), allowed)[0].reason).toBe(!check.ok && check.reason);
  });

  it('refuses everything when no origin is allowlisted (deny by default)', () => {
    expect(checkRegistration(viewUrl('https://apps.example.com/'), new Set())).toEqual([
      { annotation: 'luigi-project.io/view-url', reason: 'origin https://apps.example.com is not in luigi.allowedOrigins' },
    ]);
  });
});

describe('hasValidView', () => {
  const views = (text: string) => ({ 'luigi-project.io/views': text });

  it('is true for a valid view URL, or a valid entry of the views annotation', () => {
    expect(hasValidView(viewUrl('https://apps.example.com/orders/'), allowed)).toBe(true);
    expect(hasValidView(views('Settings=https://apps.example.com/orders/settings'), allowed)).toBe(true);
    expect(hasValidView(viewUrl('http://localhost:7100/'), allowed)).toBe(true);
  });

  it('is true when one view is good and another bad, as the frontend shows the good one', () => {
    expect(
      hasValidView(
        { ...viewUrl('https://evil.example.net/'), ...views('Settings=https://apps.example.com/s') },
        allowed,
      ),
    ).toBe(true);
    expect(
      hasValidView(
        { ...viewUrl('https://apps.example.com/'), ...views('Bad=https://evil.example.net/\nno label') },
        allowed,
      ),
    ).toBe(true);
  });

  it('is false without views, or when every view is refused', () => {
    expect(hasValidView(undefined, allowed)).toBe(false);
    expect(hasValidView({ 'backstage.io/techdocs-ref': 'dir:.' }, allowed)).toBe(false);
    expect(hasValidView({ 'luigi-project.io/token-audience': 'orders' }, allowed)).toBe(false);
    expect(hasValidView(viewUrl('javascript:alert(1)'), allowed)).toBe(false);
    expect(
      hasValidView({ ...viewUrl('https://evil.example.net/'), ...views('A=https://evil.example.net/a, B=') }, allowed),
    ).toBe(false);
    expect(hasValidView(viewUrl('https://apps.example.com/'), new Set())).toBe(false);
  });

  it('reads an OpenMFP content configuration as node settings, and reports it under its own annotation', () => {
    const openMfp = (node: object) => ({
      ...viewUrl('https://apps.example.com/'),
      'luigi-project.io/content-configuration': JSON.stringify({ name: 'x', luigiConfigFragment: { data: { nodes: [node] } } }),
    });
    expect(hasValidView(openMfp({ loadingIndicator: { enabled: false } }), allowed)).toBe(true);
    expect(hasValidView(openMfp({ webcomponent: true }), allowed)).toBe(false);
    expect(checkRegistration(openMfp({ webcomponent: true }), allowed)).toEqual([
      { annotation: 'luigi-project.io/content-configuration', reason: expect.stringMatching(/^content configuration, as node settings: webcomponent: /) },
    ]);
  });

  describe('with node settings on the view URL', () => {
    const settings = (value: unknown) => ({ 'luigi-project.io/node-settings': JSON.stringify(value) });
    const grant = { clientPermissions: { urlParameters: { q: { read: true, write: true } } } };

    it('is false when the settings are refused, as the page and the entity tab hide that view', () => {
      expect(hasValidView({ ...viewUrl('https://apps.example.com/'), ...settings({ webcomponent: true }) }, allowed)).toBe(false);
      const foreignChild = { children: [{ pathSegment: 'x', viewUrl: 'https://evil.example.net/x' }] };
      expect(hasValidView({ ...viewUrl('https://apps.example.com/'), ...settings(foreignChild) }, allowed)).toBe(false);
    });

    it('grants client permissions only within the limits passed, none by default', () => {
      const annotations = { ...viewUrl('https://apps.example.com/'), ...settings(grant) };
      expect(hasValidView(annotations, allowed)).toBe(false);
      expect(hasValidView(annotations, allowed, { urlParameters: ['q'], changeCurrentLocale: false })).toBe(true);
    });

    it('is true with accepted settings, and a refused one leaves the views entries shown', () => {
      expect(
        hasValidView({ ...viewUrl('https://apps.example.com/'), ...settings({ loadingIndicator: { enabled: false } }) }, allowed),
      ).toBe(true);
      expect(
        hasValidView(
          { ...viewUrl('https://apps.example.com/'), ...settings({ webcomponent: true }), ...views('S=https://apps.example.com/s') },
          allowed,
        ),
      ).toBe(true);
    });
  });
});
