import { CspRequestKind } from './contentSecurityPolicy';
import { PolicyBlock } from './policyAdvice';

/** The fields of a browser `SecurityPolicyViolationEvent` the plugin reads. */
export interface ViolationEventLike {
  effectiveDirective: string;
  blockedURI: string;
  disposition: string;
}

const KIND_OF_DIRECTIVE: Record<string, CspRequestKind> = {
  'frame-src': 'frame',
  'child-src': 'frame',
  'script-src-elem': 'script',
  'script-src': 'script',
  'style-src-elem': 'style',
  'style-src': 'style',
};

/**
 * Reads a violation the browser reported to the page as a {@link PolicyBlock}: enforced violations of
 * the directives governing frames, scripts and stylesheets. Report-only policies block nothing and
 * are ignored. Browsers report a cross-origin URL by its origin only, so only the origin is kept.
 */
export function toPolicyBlock(event: ViolationEventLike): PolicyBlock | undefined {
  if (event.disposition !== 'enforce') return undefined;
  const kind = KIND_OF_DIRECTIVE[event.effectiveDirective];
  if (!kind) return undefined;
  let blocked = event.blockedURI;
  if (blocked !== 'inline') {
    try {
      blocked = new URL(blocked).origin;
    } catch {
      return undefined; // `eval`, `wasm-eval`, or nothing: not a request this plugin makes
    }
  }
  return { kind, directive: event.effectiveDirective, blocked };
}
