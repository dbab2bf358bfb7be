import { ContentSecurityPolicy, CspRequestKind, governingDirective, refusingPolicy } from './contentSecurityPolicy';

/** What a Content-Security-Policy refused: a request kind, the directive, and the origin (or `inline`). */
export interface PolicyBlock {
  kind: CspRequestKind;
  /** The directive the browser applied, e.g. `frame-src`. */
  directive: string;
  /** The refused origin, or `inline` for the plugin's `<style>` element. */
  blocked: string;
}

/** The directive an admin sets in `backend.csp` to admit a request kind. */
const DIRECTIVE_TO_SET: Record<CspRequestKind, string> = {
  frame: 'frame-src',
  script: 'script-src',
  style: 'style-src',
};

/** What stands in for a directive that is not set: the page's own origin, as Backstage's default has. */
const WHEN_UNSET: Record<CspRequestKind, string[]> = {
  frame: ["'self'"],
  script: ["'self'", "'unsafe-eval'"],
  style: ["'self'", 'https:'],
};

function yamlString(value: string): string {
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}

/**
 * The `backend.csp` entry of app-config that admits `additions` for `kind`, keeping what the page's
 * policy already admits. Backstage replaces a whole directive with the configured list, so the list
 * must repeat the existing sources; a directive inherited from `default-src` starts from `'self'`.
 */
export function cspConfigSnippet(
  policy: ContentSecurityPolicy | undefined,
  kind: CspRequestKind,
  additions: readonly string[],
): string {
  const directive = DIRECTIVE_TO_SET[kind];
  const governing = policy ? governingDirective(policy, kind) : undefined;
  const inherited = !governing || governing.name === 'default-src';
  const existing = inherited ? WHEN_UNSET[kind] : governing.sources.filter(source => source !== "'none'");
  const sources = [...new Set([...existing, ...additions])];
  return `backend:\n  csp:\n    ${directive}: [${sources.map(yamlString).join(', ')}]`;
}

/** What to add to a source list so that `block` passes: the origin, or inline styles. */
export function sourceFor(block: PolicyBlock): string {
  return block.blocked === 'inline' ? "'unsafe-inline'" : block.blocked;
}

/** One sentence for portal users and admins on what the policy refused and why it matters. */
export function describeBlock(block: PolicyBlock): string {
  switch (block.kind) {
    case 'frame':
      return `The browser refused to frame ${block.blocked}: the portal's Content-Security-Policy (${block.directive}) does not list it, so no micro app from that origin can load.`;
    case 'script':
      return `The browser refused to load Luigi core from ${block.blocked}: the portal's Content-Security-Policy (${block.directive}) does not allow scripts from there.`;
    default:
      return `The browser refused the micro apps' stylesheet: the portal's Content-Security-Policy (${block.directive}) does not allow inline styles, so Luigi's dialogs and alerts are unstyled.`;
  }
}

/**
 * The `backend.csp` entry that lets `block` through on a page under `policies`: built from the policy
 * that refused it (for frames, the one refusing that origin), so nothing it already allows is lost.
 */
export function blockAdvice(
  policies: readonly ContentSecurityPolicy[],
  block: PolicyBlock,
  selfOrigin: URL,
): string {
  const refusing =
    block.kind === 'frame' ? refusingPolicy(policies, 'frame', [new URL(`${block.blocked}/`)], selfOrigin) : policies[0];
  return cspConfigSnippet(refusing, block.kind, [sourceFor(block)]);
}
