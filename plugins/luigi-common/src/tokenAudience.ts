import { LUIGI_TOKEN_AUDIENCE_ANNOTATION } from './annotations';

/**
 * Outcome of reading a micro app's token audience.
 * @public
 */
export type TokenAudienceCheck = { ok: true; audience: string } | { ok: false; reason: string };

/**
 * Longest token audience accepted, in characters (code points).
 * @public
 */
export const MAX_TOKEN_AUDIENCE_LENGTH = 255;

// Whitespace, control and invisible format characters: an audience is compared byte for byte by the
// micro app, so anything that does not show, or that a YAML editor may add, is refused.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}]/u;

/**
 * Validates a value of the `luigi-project.io/token-audience` annotation: 1 to 255 characters, no
 * whitespace, control or invisible characters. The value is used as given (never trimmed), since a
 * micro app compares it exactly.
 * @public
 */
export function checkTokenAudience(raw: unknown): TokenAudienceCheck {
  if (typeof raw !== 'string' || raw === '') {
    return { ok: false, reason: 'the token audience annotation is empty' };
  }
  const length = [...raw].length;
  if (length > MAX_TOKEN_AUDIENCE_LENGTH) {
    return {
      ok: false,
      reason: `the token audience is ${length} characters long; at most ${MAX_TOKEN_AUDIENCE_LENGTH} are allowed`,
    };
  }
  if (FORBIDDEN.test(raw)) {
    return { ok: false, reason: 'the token audience must not contain whitespace or control characters' };
  }
  return { ok: true, audience: raw };
}

/**
 * The audience of an entity's micro app token: its `luigi-project.io/token-audience` annotation when
 * present (and valid), else the entity ref in its full lower-case form (`component:default/orders`).
 * @param entityRef - the entity's ref; lower-cased here, so either form may be passed
 * @public
 */
export function resolveTokenAudience(
  annotations: Readonly<Record<string, string>> | undefined,
  entityRef: string,
): TokenAudienceCheck {
  if (annotations && LUIGI_TOKEN_AUDIENCE_ANNOTATION in annotations) {
    return checkTokenAudience(annotations[LUIGI_TOKEN_AUDIENCE_ANNOTATION]);
  }
  return { ok: true, audience: entityRef.toLocaleLowerCase('en-US') };
}
