/** Longest entity text quoted back in a reason or a problem's label, in characters. */
export const MAX_QUOTED = 80;

/** `text`, cut to {@link MAX_QUOTED} characters (code points, so no surrogate pair is split). */
export function quoteText(text: string): string {
  const chars = [...text];
  return chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED - 1).join('')}…` : text;
}

// Control and invisible format characters (bidi overrides, zero-width): in a one-line message they
// reorder or hide what follows them, so a label could make a reason read as something else.
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/gu;

/** `text` with its unprintable characters shown as U+FFFD. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '\ufffd');
}

/** Entity text fit for a one-line message: {@link printable}, and cut to {@link MAX_QUOTED}. */
export function plainText(text: string): string {
  return quoteText(printable(text));
}
