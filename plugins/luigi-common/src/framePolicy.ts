/**
 * Optional: browser features (Permissions Policy) an entity's micro app frames ask for, separated by
 * commas or spaces, e.g. `clipboard-write, camera`. Granted to the frame's own origin only, and only
 * those the admin lists in `luigi.frames.allow`; asking for any other hides the app with the reason.
 * @public
 */
export const LUIGI_FRAME_ALLOW_ANNOTATION = 'luigi-project.io/frame-allow';

/**
 * Optional: sandbox tokens an entity's micro app frames ask for beyond the default sandbox, e.g.
 * `allow-downloads`. Only those the admin lists in `luigi.frames.sandbox`; asking for any other hides
 * the app with the reason.
 * @public
 */
export const LUIGI_FRAME_SANDBOX_ANNOTATION = 'luigi-project.io/frame-sandbox';

/**
 * The sandbox every micro app frame gets (Luigi core's own): scripts, forms, modals and popups at
 * its own origin; never navigating the portal, never escaping to the top window.
 * @public
 */
export const DEFAULT_FRAME_SANDBOX: readonly string[] = Object.freeze([
  'allow-forms',
  'allow-modals',
  'allow-popups',
  'allow-popups-to-escape-sandbox',
  'allow-same-origin',
  'allow-scripts',
]);

/**
 * Sandbox tokens an admin may let entities ask for. Navigating the top window (the portal itself) is
 * not among them: a micro app could then replace the portal with a look-alike page.
 * @public
 */
export const GRANTABLE_FRAME_SANDBOX: readonly string[] = Object.freeze([
  'allow-downloads',
  'allow-orientation-lock',
  'allow-pointer-lock',
  'allow-presentation',
  'allow-storage-access-by-user-activation',
  'allow-top-navigation-by-user-activation',
]);

/**
 * Referrer policies a frame may be given (`luigi.frames.referrerPolicy`): none that sends the
 * portal's path (which carries entity names and, in some portals, query parameters).
 * @public
 */
export const FRAME_REFERRER_POLICIES: readonly string[] = Object.freeze(['no-referrer', 'origin', 'strict-origin', 'same-origin']);

/** Default of `luigi.frames.referrerPolicy`: the micro app learns nothing of the portal's URL. @public */
export const DEFAULT_FRAME_REFERRER_POLICY = 'no-referrer';

/** What the admin lets entities ask for (`luigi.frames.allow`, `luigi.frames.sandbox`). @public */
export interface FrameLimits {
  allow: readonly string[];
  sandbox: readonly string[];
}

/** What an entity's frames get beyond the defaults. @public */
export interface FrameRequest {
  allow: string[];
  sandbox: string[];
}

/**
 * An entity's frame request, checked: what its frames get, or why its apps are hidden and which
 * annotation says so. @public
 */
export type FrameRequestCheck =
  | { ok: true; frame: FrameRequest }
  | { ok: false; annotation: typeof LUIGI_FRAME_ALLOW_ANNOTATION | typeof LUIGI_FRAME_SANDBOX_ANNOTATION; reason: string };

// A feature or token name and nothing else: no origin lists (`camera *`), no second directive (`;`).
const NAME = /^[a-z][a-z0-9-]{0,63}$/;

function names(raw: unknown, annotation: string): string[] | string {
  if (raw === undefined) return [];
  if (typeof raw !== 'string') return `${annotation} must be a text value`;
  const parts = raw.split(/[\s,]+/).filter(Boolean);
  const bad = parts.find(part => !NAME.test(part));
  if (bad !== undefined) return `${annotation} lists ${JSON.stringify(bad.slice(0, 80))}, which is not a feature name`;
  return [...new Set(parts)];
}

/**
 * Checks what an entity's annotations ask for its frames against the admin's limits. Pure; the
 * frontend applies the result, the catalog module reports a refusal on the entity at ingestion.
 * @public
 */
export function checkFrameRequest(annotations: Record<string, unknown> | undefined, limits: FrameLimits): FrameRequestCheck {
  const allow = names(annotations?.[LUIGI_FRAME_ALLOW_ANNOTATION], LUIGI_FRAME_ALLOW_ANNOTATION);
  if (typeof allow === 'string') return { ok: false, annotation: LUIGI_FRAME_ALLOW_ANNOTATION, reason: allow };
  const sandbox = names(annotations?.[LUIGI_FRAME_SANDBOX_ANNOTATION], LUIGI_FRAME_SANDBOX_ANNOTATION);
  if (typeof sandbox === 'string') return { ok: false, annotation: LUIGI_FRAME_SANDBOX_ANNOTATION, reason: sandbox };
  const deniedFeature = allow.find(feature => !limits.allow.includes(feature));
  if (deniedFeature !== undefined) {
    return {
      ok: false,
      annotation: LUIGI_FRAME_ALLOW_ANNOTATION,
      reason: `asks for the browser feature "${deniedFeature}", which the portal does not grant micro apps (luigi.frames.allow)`,
    };
  }
  const extra = sandbox.filter(token => !DEFAULT_FRAME_SANDBOX.includes(token));
  const deniedToken = extra.find(token => !limits.sandbox.includes(token) || !GRANTABLE_FRAME_SANDBOX.includes(token));
  if (deniedToken !== undefined) {
    return {
      ok: false,
      annotation: LUIGI_FRAME_SANDBOX_ANNOTATION,
      reason: `asks for the sandbox token "${deniedToken}", which the portal does not grant micro apps (luigi.frames.sandbox)`,
    };
  }
  return { ok: true, frame: { allow, sandbox: extra } };
}

/**
 * Reads the admin's limits, dropping what can never be granted (unknown sandbox tokens, malformed
 * feature names); returns them with the dropped entries, for the admin to be told.
 * @public
 */
export function normalizeFrameLimits(raw: { allow?: readonly string[]; sandbox?: readonly string[] }): {
  limits: FrameLimits;
  invalid: string[];
} {
  const allow = (raw.allow ?? []).filter(feature => NAME.test(feature));
  const sandbox = (raw.sandbox ?? []).filter(token => GRANTABLE_FRAME_SANDBOX.includes(token));
  const invalid = [...(raw.allow ?? []), ...(raw.sandbox ?? [])].filter(entry => !allow.includes(entry) && !sandbox.includes(entry));
  return { limits: { allow, sandbox }, invalid };
}
