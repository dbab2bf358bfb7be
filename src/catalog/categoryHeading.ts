/**
 * How a category heading is shown: its first letter upper-cased, the rest as the entity wrote it, so
 * `commerce` (a system's name) and `Finance` (an annotation) read alike. Display only: the category
 * itself, and what micro apps receive, stay as written. Plain text in, plain text out. Pure.
 */
export function categoryHeading(category: string): string {
  // By code point, so a first letter outside the BMP is not split in half.
  const [first = '', ...rest] = Array.from(category);
  return first.toUpperCase() + rest.join('');
}
