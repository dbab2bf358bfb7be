/** The most characters of one value an audit record keeps, the truncation marker included. */
export const MAX_AUDIT_VALUE_LENGTH = 200;

/** Ends a value that was cut to {@link MAX_AUDIT_VALUE_LENGTH}. */
export const TRUNCATION_MARKER = '…[truncated]';

// Control and format characters (NUL, escapes, bidi overrides and isolates, zero-width characters),
// line and paragraph separators, and lone surrogates: each can forge or hide text in a log line.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/**
 * A value as an audit record may hold it: every control, format (bidi, zero-width), line separator
 * or lone surrogate character replaced by U+FFFD, and at most {@link MAX_AUDIT_VALUE_LENGTH}
 * characters, a longer value cut and marked with {@link TRUNCATION_MARKER}. Idempotent.
 */
export function auditValue(value: string): string {
  // Cut first (with slack for the replacements, which keep the length) so a huge value costs little.
  const head = value.length > MAX_AUDIT_VALUE_LENGTH ? value.slice(0, MAX_AUDIT_VALUE_LENGTH) : value;
  const clean = head.replace(UNSAFE, '\uFFFD');
  if (value.length <= MAX_AUDIT_VALUE_LENGTH) return clean;
  // Keep whole code points: a surrogate pair cut in two would leave a lone (unsafe) half.
  const kept = Array.from(clean.slice(0, MAX_AUDIT_VALUE_LENGTH - TRUNCATION_MARKER.length));
  if (/[\uD800-\uDBFF]$/.test(kept[kept.length - 1] ?? '')) kept.pop();
  return `${kept.join('')}${TRUNCATION_MARKER}`;
}
