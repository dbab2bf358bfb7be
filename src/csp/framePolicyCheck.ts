import { ContentSecurityPolicy, governingDirective, policiesAllow, refusingPolicy } from './contentSecurityPolicy';
import { cspConfigSnippet } from './policyAdvice';

/** Which allowlisted origins the page's policy would refuse to frame, and the config that admits them. */
export interface FramePolicyCheck {
  blockedOrigins: string[];
  /** The directive that refuses them, e.g. `default-src` when `frame-src` is not set. */
  directive?: string;
  /** The `backend.csp` entry that admits them (YAML). */
  snippet?: string;
}

/**
 * Checks each allowlisted origin against the page's policies before any frame is made, so admins see
 * a missing `frame-src` on the page instead of a micro app that never loads.
 */
export function checkFrameOrigins(
  policies: readonly ContentSecurityPolicy[],
  origins: Iterable<string>,
  selfOrigin: URL,
): FramePolicyCheck {
  const blockedOrigins = [...origins].filter(
    origin => !policiesAllow(policies, 'frame', new URL(`${origin}/`), selfOrigin),
  );
  if (blockedOrigins.length === 0) return { blockedOrigins };
  const refusing = refusingPolicy(policies, 'frame', blockedOrigins.map(origin => new URL(`${origin}/`)), selfOrigin);
  return {
    blockedOrigins,
    directive: refusing && governingDirective(refusing, 'frame')?.name,
    snippet: cspConfigSnippet(refusing, 'frame', blockedOrigins),
  };
}
