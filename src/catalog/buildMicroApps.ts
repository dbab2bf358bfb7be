import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  LUIGI_CATEGORY_ANNOTATION,
  LUIGI_VIEW_URL_ANNOTATION,
  UNCATEGORIZED,
} from './annotations';
import { categoryHeading } from './categoryHeading';
import { pathSegmentForEntity } from './pathSegment';
import { MicroApp, MicroAppCatalog, LuigiEntityContext } from './types';
import { checkViewUrl } from 'backstage-plugin-luigi-common';

/** Options for {@link buildMicroApps}. */
export interface BuildMicroAppsOptions {
  /** Normalised origins from `luigi.allowedOrigins`. */
  allowedOrigins: ReadonlySet<string>;
}

/** A non-blank string, trimmed, or undefined. */
export function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Resolves a possibly shorthand relation target (`team-a`) to a full ref, or leaves it out if unparsable. */
function fullRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  const text = stringField(value);
  if (!text) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(text, { defaultKind, defaultNamespace }));
  } catch {
    return undefined;
  }
}

/** The entity as its micro app sees it in context. */
export function entityContextOf(entity: Entity): LuigiEntityContext {
  const ref = getCompoundEntityRef(entity);
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  return {
    ref: stringifyEntityRef(ref),
    kind: ref.kind,
    namespace: ref.namespace,
    name: ref.name,
    title: stringField(entity.metadata.title) ?? ref.name,
    owner: fullRef(spec.owner, 'group', ref.namespace),
    system: fullRef(spec.system, 'system', ref.namespace),
  };
}

/** The navigation category of an entity: annotation, else its system's name, else a fallback. */
export function categoryOf(entity: Entity): string {
  const annotated = stringField(entity.metadata.annotations?.[LUIGI_CATEGORY_ANNOTATION]);
  if (annotated) return annotated;
  const system = stringField((entity.spec as Record<string, unknown> | undefined)?.system);
  if (system) return parseSystemName(system);
  return UNCATEGORIZED;
}

function parseSystemName(system: string): string {
  try {
    return parseEntityRef(system, { defaultKind: 'system' }).name;
  } catch {
    return system;
  }
}

/**
 * Turns catalog entities into micro apps. Pure: each entity is validated on its own, so one bad
 * annotation hides only that entity (listed in `rejected` with the reason) and the rest keep working.
 * A later entity taking the path of an earlier one with another registration is refused too.
 * Apps are sorted by category, then label, so navigation is stable across reloads.
 */
export function buildMicroApps(
  entities: readonly Entity[],
  options: BuildMicroAppsOptions,
): MicroAppCatalog {
  const apps: MicroApp[] = [];
  const rejected: MicroAppCatalog['rejected'] = [];
  // Path segment → the registration holding it, so a second one for the same place is noticed.
  const seen = new Map<string, { ref: string; viewUrl: string }>();

  for (const entity of entities) {
    let context: LuigiEntityContext;
    try {
      context = entityContextOf(entity);
    } catch (error) {
      rejected.push({
        entityRef: String(entity?.metadata?.name ?? 'unknown'),
        label: String(entity?.metadata?.name ?? 'unknown'),
        reason: `the entity is malformed: ${(error as Error).message}`,
      });
      continue;
    }
    const check = checkViewUrl(
      entity.metadata.annotations?.[LUIGI_VIEW_URL_ANNOTATION],
      options.allowedOrigins,
    );
    if (!check.ok) {
      rejected.push({ entityRef: context.ref, owner: context.owner, label: context.title, reason: check.reason });
      continue;
    }
    const pathSegment = pathSegmentForEntity(getCompoundEntityRef(entity));
    const taken = seen.get(pathSegment);
    if (taken) {
      // The same registration listed twice shows once. Anything else claiming the place (another
      // URL, a ref differing only in case) is refused: which of the two is genuine cannot be told.
      if (taken.ref === context.ref && taken.viewUrl === check.url) continue;
      rejected.push({
        entityRef: context.ref,
        owner: context.owner,
        label: context.title,
        reason: `the entity is listed twice: ${taken.ref} already has the path /${pathSegment}`,
      });
      continue;
    }
    seen.set(pathSegment, { ref: context.ref, viewUrl: check.url });
    apps.push({
      pathSegment,
      label: context.title,
      description: stringField(entity.metadata.description),
      category: categoryOf(entity),
      viewUrl: check.url,
      entity: context,
    });
  }

  apps.sort(
    (a, b) => a.category.localeCompare(b.category) || a.label.localeCompare(b.label),
  );
  rejected.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  return { apps, rejected };
}

/**
 * Groups apps under their category's heading ({@link categoryHeading}), keeping the order of
 * {@link buildMicroApps}: `commerce` and `Commerce` are one group, shown as `Commerce`.
 */
export function groupByCategory(apps: readonly MicroApp[]): Array<[string, MicroApp[]]> {
  const groups = new Map<string, MicroApp[]>();
  for (const app of apps) {
    const heading = categoryHeading(app.category);
    const list = groups.get(heading) ?? [];
    list.push(app);
    groups.set(heading, list);
  }
  return [...groups.entries()];
}
