import { governingDirective, parseContentSecurityPolicies, policiesAllow, sourceAllows } from './contentSecurityPolicy';

// What @backstage/backend-defaults sends when app-config sets no backend.csp (helmet 6 defaults,
// script-src with 'unsafe-eval', no form-action).
const BACKSTAGE_DEFAULT =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self' 'unsafe-eval';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests";

const page = new URL('https://portal.example.com/luigi');
const allows = (source: string, url: string, self = page) => sourceAllows(source, new URL(url), self);

describe('parseContentSecurityPolicies', () => {
  it('reads directives case-insensitively, keeping the first of a repeated one', () => {
    const [policy] = parseContentSecurityPolicies("Frame-Src https://a.example; frame-src https://b.example; img-src *");
    expect(policy.get('frame-src')).toEqual(['https://a.example']);
    expect(policy.get('img-src')).toEqual(['*']);
  });

  it('reads comma-joined headers as separate policies, each of which must pass', () => {
    const policies = parseContentSecurityPolicies("frame-src https:, frame-src https://apps.example.com");
    expect(policies).toHaveLength(2);
    expect(policiesAllow(policies, 'frame', new URL('https://apps.example.com/x'), page)).toBe(true);
    expect(policiesAllow(policies, 'frame', new URL('https://other.example.com/x'), page)).toBe(false);
  });

  it('ignores empty input', () => {
    expect(parseContentSecurityPolicies('')).toEqual([]);
    expect(parseContentSecurityPolicies(' ; ')).toEqual([]);
  });
});

describe('governingDirective', () => {
  it('falls back from frame-src to child-src to default-src', () => {
    const [backstage] = parseContentSecurityPolicies(BACKSTAGE_DEFAULT);
    expect(governingDirective(backstage, 'frame')).toEqual({ name: 'default-src', sources: ["'self'"] });
    const [withChild] = parseContentSecurityPolicies("default-src 'self'; child-src https:");
    expect(governingDirective(withChild, 'frame')?.name).toBe('child-src');
    const [withFrame] = parseContentSecurityPolicies("child-src https:; frame-src 'none'");
    expect(governingDirective(withFrame, 'frame')).toEqual({ name: 'frame-src', sources: ["'none'"] });
  });

  it('is undefined when nothing restricts the request kind', () => {
    const [policy] = parseContentSecurityPolicies("img-src 'self'");
    expect(governingDirective(policy, 'frame')).toBeUndefined();
  });
});

describe("Backstage's default policy", () => {
  const policies = parseContentSecurityPolicies(BACKSTAGE_DEFAULT);
  it('refuses to frame another origin, which is why micro apps need frame-src', () => {
    expect(policiesAllow(policies, 'frame', new URL('https://apps.example.com/orders/'), page)).toBe(false);
  });
  it("admits the app's own scripts (the Luigi chunk) and inline styles (the plugin's stylesheet)", () => {
    expect(policiesAllow(policies, 'script', new URL('https://portal.example.com/static/luigi-core.js'), page)).toBe(true);
    expect(policiesAllow(policies, 'style', new URL('https://portal.example.com/'), page)).toBe(true);
  });
  it('admits the micro app origin once frame-src lists it', () => {
    const fixed = parseContentSecurityPolicies(`${BACKSTAGE_DEFAULT};frame-src 'self' https://apps.example.com`);
    expect(policiesAllow(fixed, 'frame', new URL('https://apps.example.com/orders/'), page)).toBe(true);
  });
});

describe('sourceAllows', () => {
  it.each([
    ['*', 'https://apps.example.com/', true],
    ["'none'", 'https://apps.example.com/', false],
    ["'unsafe-inline'", 'https://apps.example.com/', false],
    ["'nonce-abc'", 'https://apps.example.com/', false],
    ['https:', 'https://apps.example.com/', true],
    ['https:', 'http://localhost:7100/', false],
    ['http:', 'https://apps.example.com/', true],
    ['https://apps.example.com', 'https://apps.example.com/orders/', true],
    ['https://apps.example.com', 'https://apps.example.com:8443/', false],
    ['https://apps.example.com:8443', 'https://apps.example.com:8443/', true],
    ['https://apps.example.com:*', 'https://apps.example.com:9999/', true],
    ['https://apps.example.com', 'https://apps.example.com.evil.test/', false],
    ['https://apps.example.com', 'http://apps.example.com/', false],
    ['http://apps.example.com', 'https://apps.example.com/', true],
    ['http://apps.example.com:80', 'https://apps.example.com/', true],
    ['apps.example.com', 'https://apps.example.com/', true],
    ['APPS.Example.com', 'https://apps.example.com/', true],
    ['*.example.com', 'https://apps.example.com/', true],
    ['*.example.com', 'https://example.com/', false],
    ['*.example.com', 'https://evilexample.com/', false],
    ['https://apps.example.com/orders/', 'https://apps.example.com/', true],
    ['http://localhost:7100', 'http://localhost:7100/', true],
    ['http://localhost:7100', 'http://localhost:7200/', false],
    ['not a source!', 'https://apps.example.com/', false],
  ])('%s admits %s: %s', (source, url, expected) => {
    expect(allows(source, url)).toBe(expected);
  });

  it("reads 'self' as the page's origin, and its secure upgrade", () => {
    expect(allows("'self'", 'https://portal.example.com/x')).toBe(true);
    expect(allows("'self'", 'https://apps.example.com/x')).toBe(false);
    const httpPage = new URL('http://portal.example.com/');
    expect(allows("'self'", 'https://portal.example.com/', httpPage)).toBe(true);
    expect(allows("'self'", 'http://portal.example.com:8080/', httpPage)).toBe(false);
  });

  it('lets a scheme-less source take the page scheme (with https for an http page)', () => {
    const httpPage = new URL('http://localhost:3000/');
    expect(allows('localhost:7100', 'http://localhost:7100/', httpPage)).toBe(true);
    expect(allows('apps.example.com', 'http://apps.example.com/')).toBe(false);
  });
});
