import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { LUIGI_VIEWS_ANNOTATION, LUIGI_VIEW_URL_ANNOTATION } from './annotations';
import { categoryOf, entityContextOf, stringField } from './buildMicroApps';
import { pathSegmentForEntity } from './pathSegment';
import { MicroApp } from './types';
import { checkViewUrl, parseViewsAnnotation, viewSlug, ViewUrlCheck } from 'backstage-plugin-luigi-common';
import { tenantOriginProblem, TenantOriginScope } from '../tenants/tenantOriginCheck';

export { isLuigiAvailable } from './isLuigiAvailable';

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

/** {@link checkViewUrl}, then, in a tenant, whether the tenant may frame the URL. */
function checkView(raw: unknown, allowedOrigins: ReadonlySet<string>, tenant?: TenantOriginScope): ViewUrlCheck {
  const check = checkViewUrl(raw, allowedOrigins);
  const outside = check.ok && tenant ? tenantOriginProblem(check.url, tenant) : undefined;
  return outside === undefined ? check : { ok: false, reason: outside };
}

/**
 * The micro frontends an entity shows on its entity page, as Luigi nodes. Pure; each view is validated
 * on its own, so a bad one is listed in `rejected` and the others still show.
 *
 * Path segments are unique and stable: the `view-url` view has the same segment as on the micro apps
 * page (`orders`, `api~payments~orders`); a further view appends `~<slug of its label>`
 * (`orders~settings`), numbered when two labels give the same slug (`orders~settings-2`). Entity
 * segments have one or three `~`-separated parts and view segments two or four, so they never meet.
 *
 * With `tenant` (the entity's tenant, while tenants are configured), a view at an origin outside the
 * tenant's is refused too, with that reason; its slug stays reserved, so no other view is renamed.
 */
export function buildEntityViews(
  entity: Entity,
  allowedOrigins: ReadonlySet<string>,
  tenant?: TenantOriginScope,
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
  // Only a broken catalog hands annotations that are not a map: read them as none.
  const raw: unknown = entity.metadata.annotations;
  const annotations = (raw && typeof raw === 'object' ? raw : {}) as Record<string, string>;
  const shared = {
    description: stringField(entity.metadata.description),
    category: categoryOf(entity),
    entity: context,
  };

  if (LUIGI_VIEW_URL_ANNOTATION in annotations) {
    const check = checkView(annotations[LUIGI_VIEW_URL_ANNOTATION], allowedOrigins, tenant);
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

    const check = checkView(entry.url, allowedOrigins, tenant);
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
