import { isError } from '@backstage/errors';
import { auditValue, MAX_AUDIT_VALUE_LENGTH } from './auditValue';
import { isDeliberateError } from './refusal';

/**
 * The length of the shortest piece of a secret that is withheld: any run of this many characters of
 * a token is taken for part of it.
 */
export const SECRET_FRAGMENT_LENGTH = 16;

const REDACTED = '[redacted]';

/** Texts up to this long are searched for in each secret, rather than the secret cut into pieces. */
const SHORT_TEXT = 256;

/**
 * The text with every part of it that is also part of one of the secrets (any run of
 * {@link SECRET_FRAGMENT_LENGTH} characters or more, or a whole shorter secret) replaced by
 * `[redacted]`. For messages that may quote what a caller or a provider sent, before they reach the
 * audit trail or an answer.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const covered = new Array<boolean>(text.length).fill(false);
  let found = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const length = Math.min(secret.length, SECRET_FRAGMENT_LENGTH);
    if (text.length < length) continue;
    // A short text (most audit values) is searched in the secret; a long one against its pieces.
    let isPiece = (piece: string) => secret.includes(piece);
    if (text.length > SHORT_TEXT) {
      const fragments = new Set<string>();
      for (let i = 0; i + length <= secret.length; i++) fragments.add(secret.slice(i, i + length));
      isPiece = piece => fragments.has(piece);
    }
    for (let i = 0; i + length <= text.length; i++) {
      if (isPiece(text.slice(i, i + length))) {
        covered.fill(true, i, i + length);
        found = true;
      }
    }
  }
  if (!found) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!covered[i]) out += text[i];
    else if (i === 0 || !covered[i - 1]) out += REDACTED;
  }
  return out;
}

// Any URL: an internal error's message may name a service's host and path, which the trail need not keep.
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/\S*/gi;

/**
 * An error fit for the audit trail: the same name, the message without any part of the secrets, and
 * no stack or cause (a stack repeats the message, a cause may quote anything); name and message are
 * bounded {@link auditValue}s, and an internal error's message (not one the plugin wrote, see
 * `isDeliberateError`) keeps no URL.
 */
export function auditableError(error: unknown, secrets: ReadonlyArray<string | undefined>): Error {
  const name = auditValue(isError(error) ? error.name : 'Error');
  // Cut before any other work, with room for URLs to be seen whole: a message may be megabytes.
  const raw = (isError(error) ? error.message : String(error)).slice(0, 4 * MAX_AUDIT_VALUE_LENGTH);
  const text = isDeliberateError(error) ? raw : raw.replace(URL_PATTERN, '[url]');
  const message = auditValue(redactSecrets(auditValue(text), secrets));
  const safe = new Error(message);
  safe.name = name;
  safe.stack = `${name}: ${message}`;
  return safe;
}
