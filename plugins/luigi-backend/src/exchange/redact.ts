/** Runs of characters tokens and secrets are made of (base64url, JWT segments, most opaque tokens). */
const TOKEN_RUN = /[A-Za-z0-9_-]{8,}/g;

/** A run this long is a credential or an id, never a word a person needs to read. */
const ALWAYS_REDACTED_LENGTH = 24;

/** Control characters, and the line and paragraph separators, which would split a log line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const REDACTED = '[redacted]';

/**
 * Text the identity provider sent (an OAuth `error_description`), made fit for an error message: each
 * of `secrets` and any fragment of one (8 characters or more) is cut out, as is any long token-like
 * run, control characters become spaces, and the result is at most `maxLength` characters. Undefined
 * when nothing readable is left.
 * @param secrets - the subject token, the client secret: whatever must never appear in a message
 */
export function redactProviderText(text: unknown, secrets: readonly string[], maxLength = 200): string | undefined {
  if (typeof text !== 'string') return undefined;
  let clean = text.slice(0, 4 * maxLength);
  for (const secret of secrets) {
    if (secret) clean = clean.split(secret).join(REDACTED);
  }
  clean = clean
    .replace(TOKEN_RUN, run =>
      run.length >= ALWAYS_REDACTED_LENGTH || secrets.some(secret => secret.includes(run)) ? REDACTED : run,
    )
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length > maxLength) clean = `${clean.slice(0, maxLength - 1)}…`;
  return clean || undefined;
}

/** `error` of RFC 6749 section 5.2: printable ASCII but `"` and `\`. */
const OAUTH_ERROR_CODE = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,64}$/;

/**
 * An OAuth `error` code the provider sent, if it is one (RFC 6749's character set, at most 64
 * characters) and holds no fragment of a secret; undefined otherwise.
 */
export function readOAuthErrorCode(code: unknown, secrets: readonly string[]): string | undefined {
  if (typeof code !== 'string' || !OAUTH_ERROR_CODE.test(code)) return undefined;
  return redactProviderText(code, secrets, 64) === code ? code : undefined;
}
