import { checkRegistration } from './registration';
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
    ['https://аpple.com/', 'origin https://xn--pple-43d.com is not in luigi.allowedOrigins'],
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
