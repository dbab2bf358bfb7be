import { quoteText } from './displayText';

/**
 * One `Label=URL` entry of the views annotation, not yet validated.
 * @public
 */
export interface ViewEntry {
  label: string;
  url: string;
}

/** Entries are separated by line breaks, or by a comma followed by whitespace (never inside a URL). */
const ENTRY_SEPARATOR = /\r?\n|,\s+/;


/**
 * Reads the `luigi-project.io/views` annotation: `Label=URL` entries, one per line or separated by a
 * comma and a space. The label ends at the first `=`. Entries that cannot be read, and a value that
 * is not a string, are returned as errors; the URLs are not validated here.
 * @public
 */
export function parseViewsAnnotation(raw: unknown): {
  entries: ViewEntry[];
  errors: Array<{ text: string; reason: string }>;
} {
  const entries: ViewEntry[] = [];
  const errors: Array<{ text: string; reason: string }> = [];
  if (raw === undefined || raw === null) return { entries, errors };
  // Only a broken catalog hands anything else; saying so beats ignoring views the owner declared.
  if (typeof raw !== 'string') {
    errors.push({ text: 'luigi-project.io/views', reason: 'the views annotation is not a string of Label=URL lines' });
    return { entries, errors };
  }
  for (const part of raw.split(ENTRY_SEPARATOR)) {
    const text = part.trim().replace(/,$/, '').trim();
    if (text === '') continue;
    const equals = text.indexOf('=');
    if (equals < 0) {
      errors.push({ text: quoteText(text), reason: `"${quoteText(text)}" is not of the form Label=https://…` });
      continue;
    }
    const label = text.slice(0, equals).trim();
    const url = text.slice(equals + 1).trim();
    if (label === '') {
      errors.push({ text: quoteText(text), reason: `"${quoteText(text)}" has no label before "="` });
    } else if (url === '') {
      errors.push({ text: label, reason: `the view "${quoteText(label)}" has no URL after "="` });
    } else {
      entries.push({ label, url });
    }
  }
  return { entries, errors };
}

/**
 * A URL-safe slug for a view label: lowercase ASCII letters and digits joined by `-`
 * (`Build & Deploy` → `build-deploy`, `Übersicht` → `ubersicht`). Empty when nothing is left.
 * @public
 */
export function viewSlug(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

