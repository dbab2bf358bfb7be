import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { LUIGI_TOKEN_AUDIENCE_ANNOTATION } from './annotations';
import { plainText } from './displayText';

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
 * One entry of `luigi.tokens.audiences`: the admin gives one entity's micro app a token audience other
 * than its entity ref (for example the URL its backend expects).
 * @public
 */
export interface TokenAudienceAssignment {
  entityRef: string;
  audience: string;
}

/**
 * The audiences the admin assigned, by entity ref in its full lower-case form. Each audience belongs to
 * exactly one entity.
 * @public
 */
export type TokenAudiences = ReadonlyMap<string, string>;

/** No assignments: every micro app's audience is its entity ref. @public */
export const NO_TOKEN_AUDIENCES: TokenAudiences = new Map();

/**
 * Reads `luigi.tokens.audiences`. An entry is refused (listed in `problems`, left out of `audiences`)
 * when its entity ref is not a full ref, its audience is not valid ({@link checkTokenAudience}), its
 * audience is in the form of an entity ref other than its own (that is another entity's default
 * audience), or its entity or its audience was assigned by an earlier entry. The backend refuses to
 * start on any problem; the frontend ignores refused entries.
 * @public
 */
export function normalizeTokenAudiences(entries: readonly TokenAudienceAssignment[]): {
  audiences: TokenAudiences;
  problems: string[];
} {
  const audiences = new Map<string, string>();
  const owners = new Map<string, string>();
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const at = `luigi.tokens.audiences[${index}]`;
    const entityRef = fullEntityRef(entry.entityRef);
    if (entityRef === undefined) {
      problems.push(`${at}.entityRef "${plainText(String(entry.entityRef))}" is not a full entity ref (kind:namespace/name)`);
      return;
    }
    const check = checkTokenAudience(entry.audience);
    if (!check.ok) {
      problems.push(`${at}.audience: ${check.reason}`);
      return;
    }
    const refForm = fullEntityRef(check.audience);
    if (refForm !== undefined && refForm === check.audience && refForm !== entityRef) {
      problems.push(`${at}.audience "${check.audience}" is the entity ref of another entity, its default audience`);
      return;
    }
    const owner = owners.get(check.audience);
    if (owner !== undefined || audiences.has(entityRef)) {
      problems.push(
        owner !== undefined
          ? `${at}.audience "${check.audience}" is assigned to ${owner} already`
          : `${at}.entityRef ${entityRef} has an audience already`,
      );
      return;
    }
    audiences.set(entityRef, check.audience);
    owners.set(check.audience, entityRef);
  });
  return { audiences, problems };
}

/**
 * The audience of an entity's micro app token, decided by the admin: the audience
 * `luigi.tokens.audiences` assigns to the entity, else the entity ref in its full lower-case form
 * (`component:default/orders`), which no other entity can have. The entity's
 * `luigi-project.io/token-audience` annotation claims nothing: when present it must name that same
 * audience (so the owner states what their backend checks, and a mismatch is reported instead of
 * tokens their backend would refuse), and any other value is refused with the reason, with no token
 * issued.
 * @param entityRef - the entity's ref; lower-cased here, so either form may be passed
 * @param audiences - `luigi.tokens.audiences`, read by {@link normalizeTokenAudiences}
 * @public
 */
export function resolveTokenAudience(
  annotations: Readonly<Record<string, string>> | undefined,
  entityRef: string,
  audiences: TokenAudiences,
): TokenAudienceCheck {
  const ref = entityRef.toLocaleLowerCase('en-US');
  const assigned = audiences.get(ref) ?? ref;
  if (!annotations || !(LUIGI_TOKEN_AUDIENCE_ANNOTATION in annotations)) return { ok: true, audience: assigned };
  const claimed = checkTokenAudience(annotations[LUIGI_TOKEN_AUDIENCE_ANNOTATION]);
  if (!claimed.ok) return claimed;
  if (claimed.audience !== assigned) return { ok: false, reason: claimReason(claimed.audience, ref, audiences) };
  return { ok: true, audience: assigned };
}

/** Why an entity may not have the audience it names: whose it is, or that nobody gave it. */
function claimReason(claimed: string, ref: string, audiences: TokenAudiences): string {
  const shown = plainText(claimed);
  const owner = [...audiences].find(([, audience]) => audience === claimed)?.[0] ?? refOfOtherEntity(claimed, ref);
  if (owner !== undefined) {
    return `the token audience "${shown}" belongs to ${owner} (an app's audience is its entity ref or one luigi.tokens.audiences assigns it)`;
  }
  return `the token audience "${shown}" is not assigned to ${ref} (its audience is "${plainText(audiences.get(ref) ?? ref)}"; only luigi.tokens.audiences assigns others)`;
}

function refOfOtherEntity(value: string, ref: string): string | undefined {
  const other = fullEntityRef(value);
  return other !== undefined && other !== ref ? other : undefined;
}

/** The value as a full lower-case entity ref (`kind:namespace/name`), if it is one. */
function fullEntityRef(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const ref = parseEntityRef(value);
    // A shorthand (`orders`, `component:orders`) is not a full ref: its kind or namespace is a guess.
    if (!value.includes(':') || !value.includes('/')) return undefined;
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}
