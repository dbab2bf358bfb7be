/** Longest server or entity text shown in a panel, in characters, unless told otherwise. */
const MAX_SHOWN = 500;

// Control and invisible format characters show as U+FFFD: a reader sees that something is there, and a
// right-to-left override cannot reorder what follows it.
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/gu;

/**
 * Text the portal did not write (an entity's title, a server's reason) as a panel shows it: printable,
 * on one line, and cut to `max` characters (code points, so no surrogate pair is split). Render it as
 * text, never as markup.
 */
export function shownText(text: string, max: number = MAX_SHOWN): string {
  const chars = [...text.replace(UNPRINTABLE, '\ufffd')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
