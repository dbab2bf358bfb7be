import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { LUIGI_VIEWS_ANNOTATION, LUIGI_VIEW_URL_ANNOTATION } from './annotations';
import { categoryOf, entityContextOf, stringField } from './buildMicroApps';
import { pathSegmentForEntity } from './pathSegment';
import { MicroApp } from './types';
import { checkViewUrl } from './viewUrl';

/** One `Label=URL` entry of the views annotation, not yet validated. */
export interface ViewEntry {
  label: string;
  url: string;
}

/**
 * A view an entity declares that is not shown, with the reason shown to users.
 * @public
 */
export interface RejectedEntityView {
  /** The view's label, or the raw entry text when it could not be read. Plain text. */
  label: string;
  /** The annotation the view comes from. */
  annotation: string;
  /** Human readable reason, e.g. `origin https://x.example is not in luigi.allowedOrigins`. */
  reason: string;
}

/**
 * The micro frontends one entity shows on its entity page.
 * @public
 */
export interface EntityViews {
  /** Valid views in declared order: the `view-url` view first, then those of `views`. */
  views: MicroApp[];
  rejected: RejectedEntityView[];
}

/** Separates view-url segments of an entity from the slug of one of its further views. */
const VIEW_SEPARATOR = '~';

/** Entries are separated by line breaks, or by a comma followed by whitespace (never inside a URL). */
const ENTRY_SEPARATOR = /\r?\n|,\s+/;

/** Longest raw entry text quoted back in a rejection. */
const MAX_QUOTED = 80;

function quote(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
}

/**
 * Reads the `luigi-project.io/views` annotation: `Label=URL` entries, one per line or separated by a
 * comma and a space. The label ends at the first `=`. Entries that cannot be read are returned as
 * errors; the URLs are not validated here.
 */
export function parseViewsAnnotation(raw: unknown): {
  entries: ViewEntry[];
  errors: Array<{ text: string; reason: string }>;
} {
  const entries: ViewEntry[] = [];
  const errors: Array<{ text: string; reason: string }> = [];
  if (typeof raw !== 'string') return { entries, errors };
  for (const part of raw.split(ENTRY_SEPARATOR)) {
    const text = part.trim().replace(/,$/, '').trim();
    if (text === '') continue;
    const equals = text.indexOf('=');
    if (equals < 0) {
      errors.push({ text: quote(text), reason: `"${quote(text)}" is not of the form Label=https://…` });
      continue;
    }
    const label = text.slice(0, equals).trim();
    const url = text.slice(equals + 1).trim();
    if (label === '') {
      errors.push({ text: quote(text), reason: `"${quote(text)}" has no label before "="` });
    } else if (url === '') {
      errors.push({ text: label, reason: `the view "${quote(label)}" has no URL after "="` });
    } else {
      entries.push({ label, url });
    }
  }
  return { entries, errors };
}

/**
 * A URL-safe slug for a view label: lowercase ASCII letters and digits joined by `-`
 * (`Build & Deploy` → `build-deploy`, `Übersicht` → `ubersicht`). Empty when nothing is left.
 */
export function viewSlug(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Whether an entity declares a micro frontend (`luigi-project.io/view-url` or `luigi-project.io/views`),
 * for `EntitySwitch.Case if=` and `EntityLayout.Route if=`. Says nothing about validity: the entity tab
 * shows why a declared view cannot be opened.
 * @public
 */
export function isLuigiAvailable(entity: Entity): boolean {
  const annotations = entity?.metadata?.annotations ?? {};
  return (
    stringField(annotations[LUIGI_VIEW_URL_ANNOTATION]) !== undefined ||
    stringField(annotations[LUIGI_VIEWS_ANNOTATION]) !== undefined
  );
}

/**
 * The micro frontends an entity shows on its entity page, as Luigi nodes. Pure; each view is validated
 * on its own, so a bad one is listed in `rejected` and the others still show.
 *
 * Path segments are unique and stable: the `view-url` view has the same segment as on the micro apps
 * page (`orders`, `api~payments~orders`); a further view appends `~<slug of its label>`
 * (`orders~settings`), numbered when two labels give the same slug (`orders~settings-2`). Entity
 * segments have one or three `~`-separated parts and view segments two or four, so they never meet.
 */
export function buildEntityViews(
  entity: Entity,
  allowedOrigins: ReadonlySet<string>,
): EntityViews {
  const views: MicroApp[] = [];
  const rejected: RejectedEntityView[] = [];
  let context: MicroApp['entity'];
  let base: string;
  try {
    context = entityContextOf(entity);
    base = pathSegmentForEntity(getCompoundEntityRef(entity));
  } catch (error) {
    rejected.push({
      label: String(entity?.metadata?.name ?? 'unknown'),
      annotation: LUIGI_VIEW_URL_ANNOTATION,
      reason: `the entity is malformed: ${(error as Error).message}`,
    });
    return { views, rejected };
  }
  const annotations = entity.metadata.annotations ?? {};
  const shared = {
    description: stringField(entity.metadata.description),
    category: categoryOf(entity),
    entity: context,
  };

  if (LUIGI_VIEW_URL_ANNOTATION in annotations) {
    const check = checkViewUrl(annotations[LUIGI_VIEW_URL_ANNOTATION], allowedOrigins);
    if (check.ok) {
      views.push({ pathSegment: base, label: context.title, viewUrl: check.url, ...shared });
    } else {
      rejected.push({ label: context.title, annotation: LUIGI_VIEW_URL_ANNOTATION, reason: check.reason });
    }
  }

  const { entries, errors } = parseViewsAnnotation(annotations[LUIGI_VIEWS_ANNOTATION]);
  for (const error of errors) {
    rejected.push({ label: error.text, annotation: LUIGI_VIEWS_ANNOTATION, reason: error.reason });
  }
  const usedSlugs = new Set<string>();
  entries.forEach((entry, index) => {
    // Slugs are assigned to every entry, valid or not, so fixing one view never renames another.
    const wanted = viewSlug(entry.label) || `view-${index + 1}`;
    let slug = wanted;
    for (let n = 2; usedSlugs.has(slug); n++) slug = `${wanted}-${n}`;
    usedSlugs.add(slug);

    const check = checkViewUrl(entry.url, allowedOrigins);
    if (!check.ok) {
      rejected.push({ label: entry.label, annotation: LUIGI_VIEWS_ANNOTATION, reason: check.reason });
      return;
    }
    views.push({
      pathSegment: `${base}${VIEW_SEPARATOR}${slug}`,
      label: entry.label,
      viewUrl: check.url,
      ...shared,
    });
  });

  return { views, rejected };
}
