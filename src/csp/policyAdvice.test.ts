import { parse } from 'yaml';
import { parseContentSecurityPolicies } from './contentSecurityPolicy';
import { checkFrameOrigins } from './framePolicyCheck';
import { cspConfigSnippet, describeBlock } from './policyAdvice';
import { toPolicyBlock } from './policyViolation';

const page = new URL('https://portal.example.com/luigi');
const [backstageDefault] = parseContentSecurityPolicies(
  "default-src 'self';script-src 'self' 'unsafe-eval';style-src 'self' https: 'unsafe-inline'",
);

describe('cspConfigSnippet', () => {
  it("adds the origin to frame-src starting from 'self' when frame-src is inherited from default-src", () => {
    const snippet = cspConfigSnippet(backstageDefault, 'frame', ['https://apps.example.com']);
    expect(parse(snippet)).toEqual({ backend: { csp: { 'frame-src': ["'self'", 'https://apps.example.com'] } } });
  });

  it('keeps what an existing frame-src allows, since backend.csp replaces the whole directive', () => {
    const [policy] = parseContentSecurityPolicies("default-src 'self'; frame-src 'self' https://a.example.com");
    const snippet = cspConfigSnippet(policy, 'frame', ['https://b.example.com', 'https://a.example.com']);
    expect(parse(snippet).backend.csp['frame-src']).toEqual(["'self'", 'https://a.example.com', 'https://b.example.com']);
  });

  it("drops 'none', which would otherwise cancel the list", () => {
    const [policy] = parseContentSecurityPolicies("frame-src 'none'");
    expect(parse(cspConfigSnippet(policy, 'frame', ['https://a.example.com'])).backend.csp['frame-src']).toEqual([
      'https://a.example.com',
    ]);
  });

  it("allows inline styles in style-src without losing its sources", () => {
    const [policy] = parseContentSecurityPolicies("style-src 'self' https:");
    expect(parse(cspConfigSnippet(policy, 'style', ["'unsafe-inline'"])).backend.csp['style-src']).toEqual([
      "'self'",
      'https:',
      "'unsafe-inline'",
    ]);
  });

  it('still gives a complete entry when the policy could not be read', () => {
    expect(parse(cspConfigSnippet(undefined, 'frame', ['http://localhost:7100'])).backend.csp['frame-src']).toEqual([
      "'self'",
      'http://localhost:7100',
    ]);
  });
});

describe('checkFrameOrigins', () => {
  it('names every allowlisted origin the policy refuses, with the directive and the fix', () => {
    const check = checkFrameOrigins([backstageDefault], ['https://apps.example.com', 'https://portal.example.com'], page);
    expect(check.blockedOrigins).toEqual(['https://apps.example.com']);
    expect(check.directive).toBe('default-src');
    expect(parse(check.snippet!).backend.csp['frame-src']).toEqual(["'self'", 'https://apps.example.com']);
  });

  it('finds nothing to say for a page without a policy or with the documented frame-src', () => {
    expect(checkFrameOrigins([], ['https://apps.example.com'], page)).toEqual({ blockedOrigins: [] });
    const fixed = parseContentSecurityPolicies("default-src 'self'; frame-src 'self' https://apps.example.com");
    expect(checkFrameOrigins(fixed, ['https://apps.example.com'], page).blockedOrigins).toEqual([]);
  });
});

describe('toPolicyBlock', () => {
  it('reads an enforced frame refusal by origin', () => {
    const block = toPolicyBlock({ effectiveDirective: 'frame-src', blockedURI: 'https://apps.example.com/orders/x?y', disposition: 'enforce' });
    expect(block).toEqual({ kind: 'frame', directive: 'frame-src', blocked: 'https://apps.example.com' });
    expect(describeBlock(block!)).toContain('refused to frame https://apps.example.com');
  });

  it('reads scripts and inline styles', () => {
    expect(toPolicyBlock({ effectiveDirective: 'script-src-elem', blockedURI: 'https://cdn.example.com/luigi.js', disposition: 'enforce' })?.kind).toBe('script');
    expect(toPolicyBlock({ effectiveDirective: 'style-src-elem', blockedURI: 'inline', disposition: 'enforce' })).toEqual({
      kind: 'style',
      directive: 'style-src-elem',
      blocked: 'inline',
    });
  });

  it('ignores report-only policies, eval, and directives the plugin does not depend on', () => {
    expect(toPolicyBlock({ effectiveDirective: 'frame-src', blockedURI: 'https://a.example.com', disposition: 'report' })).toBeUndefined();
    expect(toPolicyBlock({ effectiveDirective: 'script-src', blockedURI: 'eval', disposition: 'enforce' })).toBeUndefined();
    expect(toPolicyBlock({ effectiveDirective: 'img-src', blockedURI: 'https://a.example.com/x.png', disposition: 'enforce' })).toBeUndefined();
  });
});
