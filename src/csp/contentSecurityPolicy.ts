/**
 * Reading a page's Content-Security-Policy and asking what it lets the page load, following the
 * matching rules of CSP Level 3 (https://www.w3.org/TR/CSP3/#match-url-to-source-list) for the cases
 * this plugin meets: frames for micro apps, the Luigi core script chunk, and its stylesheet.
 */

/** One policy: directive name (lower case) to its source expressions. */
export type ContentSecurityPolicy = ReadonlyMap<string, readonly string[]>;

/** The request kinds the plugin makes, each with the directives that govern it, most specific first. */
export const CSP_FALLBACKS = {
  frame: ['frame-src', 'child-src', 'default-src'],
  script: ['script-src-elem', 'script-src', 'default-src'],
  style: ['style-src-elem', 'style-src', 'default-src'],
} as const;

/** A request kind of {@link CSP_FALLBACKS}. */
export type CspRequestKind = keyof typeof CSP_FALLBACKS;

/**
 * Parses a `Content-Security-Policy` header value. Several headers arrive joined by commas; each is a
 * policy of its own, and a request must pass all of them. A repeated directive is ignored, as browsers do.
 */
export function parseContentSecurityPolicies(header: string): ContentSecurityPolicy[] {
  return header
    .split(',')
    .map(text => {
      const policy = new Map<string, string[]>();
      for (const directive of text.split(';')) {
        const [name, ...sources] = directive.trim().split(/\s+/);
        if (!name) continue;
        const key = name.toLowerCase();
        if (!policy.has(key)) policy.set(key, sources);
      }
      return policy;
    })
    .filter(policy => policy.size > 0);
}

/**
 * The directive that governs `kind` in `policy` and its sources, or `undefined` when the policy does
 * not restrict that kind at all.
 */
export function governingDirective(
  policy: ContentSecurityPolicy,
  kind: CspRequestKind,
): { name: string; sources: readonly string[] } | undefined {
  for (const name of CSP_FALLBACKS[kind]) {
    const sources = policy.get(name);
    if (sources) return { name, sources };
  }
  return undefined;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

function portOrDefault(url: URL): string | undefined {
  return url.port || DEFAULT_PORTS[url.protocol];
}

/** CSP's scheme-part match: a source's scheme also admits its secure upgrade. */
function schemeMatches(sourceScheme: string, urlScheme: string): boolean {
  if (sourceScheme === urlScheme) return true;
  if (sourceScheme === 'http:') return urlScheme === 'https:';
  if (sourceScheme === 'ws:') return ['wss:', 'http:', 'https:'].includes(urlScheme);
  if (sourceScheme === 'wss:') return urlScheme === 'https:';
  return false;
}

function hostMatches(sourceHost: string, urlHost: string): boolean {
  if (sourceHost === '*') return true;
  if (sourceHost.startsWith('*.')) return urlHost.endsWith(sourceHost.slice(1));
  return sourceHost === urlHost;
}

function portMatches(sourcePort: string | undefined, url: URL): boolean {
  const port = portOrDefault(url);
  if (sourcePort === '*') return true;
  if (sourcePort === undefined) return port === DEFAULT_PORTS[url.protocol];
  // An http source on port 80 also admits its upgrade to https on 443.
  return sourcePort === port || (sourcePort === '80' && port === '443');
}

// CSP's host-source grammar: [scheme://](* | [*.]host)[:port][path]; no IPv6 literals.
const HOST_SOURCE = /^(?:([a-z][a-z0-9+.-]*:)\/\/)?(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d+|\*))?(\/.*)?$/i;

/**
 * Whether one source expression admits `url` on a page at `selfOrigin`. A source's path is not
 * compared: the plugin asks about origins, and a path restriction still admits part of the origin.
 */
export function sourceAllows(source: string, url: URL, selfOrigin: URL): boolean {
  const expression = source.toLowerCase();
  if (expression === '*') return ['http:', 'https:', 'ws:', 'wss:', selfOrigin.protocol].includes(url.protocol);
  if (expression === "'self'") {
    if (url.origin === selfOrigin.origin) return true;
    // The page's own host reached by its secure upgrade.
    return (
      url.hostname === selfOrigin.hostname &&
      selfOrigin.protocol === 'http:' &&
      url.protocol === 'https:' &&
      portOrDefault(url) === '443' &&
      portOrDefault(selfOrigin) === '80'
    );
  }
  if (expression.startsWith("'")) return false; // 'none', nonces, hashes, 'unsafe-*', …
  if (/^[a-z][a-z0-9+.-]*:$/.test(expression)) return schemeMatches(expression, url.protocol);
  const match = HOST_SOURCE.exec(expression);
  if (!match) return false;
  const [, scheme, host, port] = match;
  if (!schemeMatches(scheme ?? selfOrigin.protocol, url.protocol)) return false;
  return hostMatches(host, url.hostname.toLowerCase()) && portMatches(port, url);
}

/** Whether every policy admits a request of `kind` to `url` from a page at `selfOrigin`. */
export function policiesAllow(
  policies: readonly ContentSecurityPolicy[],
  kind: CspRequestKind,
  url: URL,
  selfOrigin: URL,
): boolean {
  return policies.every(policy => {
    const directive = governingDirective(policy, kind);
    return !directive || directive.sources.some(source => sourceAllows(source, url, selfOrigin));
  });
}

/** The first policy that refuses a request of `kind` to any of `urls`, if one does. */
export function refusingPolicy(
  policies: readonly ContentSecurityPolicy[],
  kind: CspRequestKind,
  urls: readonly URL[],
  selfOrigin: URL,
): ContentSecurityPolicy | undefined {
  return policies.find(policy => urls.some(url => !policiesAllow([policy], kind, url, selfOrigin)));
}
