import { Entity } from '@backstage/catalog-model';
import { entitiesByRef } from './annotationsByRef';
import { LUIGI_VIEWS_ANNOTATION } from './annotations';
import { buildEntityViews } from './entityViews';
import { MicroApp, RejectedMicroApp } from './types';

/**
 * The further views (`luigi-project.io/views`) refused of the entities whose main view is shown as
 * `apps`, as the entity tab refuses them ({@link buildEntityViews}, same reasons): one entry per view,
 * with the entity's ref and title and the view's label (`view`). The page lists them beside the
 * refused registrations, so an owner learns of a bad view without opening the entity's tab. Pure.
 */
export function refusedEntityViews(
  apps: readonly MicroApp[],
  entities: readonly Entity[],
  allowedOrigins: ReadonlySet<string>,
): RejectedMicroApp[] {
  const byRef = entitiesByRef(entities);
  const refused: RejectedMicroApp[] = [];
  for (const app of apps) {
    const entity = byRef.get(app.entity.ref);
    if (!entity) continue;
    for (const rejected of buildEntityViews(entity, allowedOrigins).rejected) {
      if (rejected.annotation !== LUIGI_VIEWS_ANNOTATION) continue;
      refused.push({ entityRef: app.entity.ref, owner: app.entity.owner, label: app.label, view: rejected.label, reason: rejected.reason });
    }
  }
  return refused;
}
