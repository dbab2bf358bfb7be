import { Entity } from '@backstage/catalog-model';
import { checkFrameRequest, FrameLimits } from 'backstage-plugin-luigi-common';
import { annotationsByRef } from './annotationsByRef';
import type { EntityViews } from './entityViews';
import { MicroApp, RejectedMicroApp } from './types';

/**
 * Applies what each entity asks for its frames (`luigi-project.io/frame-allow`, `-frame-sandbox`)
 * within the admin's limits: an app whose entity asks for more is not shown, and says why. Pure.
 */
export function withFrameRequests(
  apps: readonly MicroApp[],
  entities: readonly Entity[],
  limits: FrameLimits,
): { apps: MicroApp[]; rejected: RejectedMicroApp[] } {
  const annotationsOf = annotationsByRef(entities);
  const shown: MicroApp[] = [];
  const rejected: RejectedMicroApp[] = [];
  for (const app of apps) {
    const check = checkFrameRequest(annotationsOf.get(app.entity.ref), limits);
    if (check.ok) shown.push(check.frame.allow.length || check.frame.sandbox.length ? { ...app, frame: check.frame } : app);
    else rejected.push({ entityRef: app.entity.ref, owner: app.entity.owner, label: app.label, reason: check.reason });
  }
  return { apps: shown, rejected };
}

/**
 * An entity's views with its frame request applied: all of them, or none, each refused with the
 * annotation and the reason, when the entity asks for more than the admin grants. Pure.
 */
export function entityViewsWithFrameRequest(views: EntityViews, entity: Entity, limits: FrameLimits): EntityViews {
  const check = checkFrameRequest(entity.metadata.annotations, limits);
  if (check.ok) {
    const { allow, sandbox } = check.frame;
    return allow.length || sandbox.length ? { ...views, views: views.views.map(view => ({ ...view, frame: check.frame })) } : views;
  }
  const refused = views.views.map(view => ({ label: view.label, annotation: check.annotation, reason: check.reason }));
  return { views: [], rejected: [...views.rejected, ...refused] };
}
