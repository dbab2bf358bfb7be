import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  checkNodeSettings,
  ClientPermissionLimits,
  LUIGI_NODE_SETTINGS_ANNOTATION,
} from 'backstage-plugin-luigi-common';
import { annotationsByRef } from './annotationsByRef';
import { pathSegmentForEntity } from './pathSegment';
import type { EntityViews } from './entityViews';
import { MicroApp, RejectedMicroApp } from './types';

/**
 * Applies each entity's `luigi-project.io/node-settings` to its micro app: checked against the
 * allowlist and the admin's client permission limits; an app whose settings are refused is not
 * shown, and says why. Pure.
 */
export function withNodeSettings(
  apps: readonly MicroApp[],
  entities: readonly Entity[],
  allowedOrigins: ReadonlySet<string>,
  clientPermissions: ClientPermissionLimits,
): { apps: MicroApp[]; rejected: RejectedMicroApp[] } {
  const annotationsOf = annotationsByRef(entities);
  const shown: MicroApp[] = [];
  const rejected: RejectedMicroApp[] = [];
  for (const app of apps) {
    const raw = annotationsOf.get(app.entity.ref)?.[LUIGI_NODE_SETTINGS_ANNOTATION];
    if (raw === undefined) {
      shown.push(app);
      continue;
    }
    const check = checkNodeSettings(raw, { allowedOrigins, clientPermissions, viewUrl: app.viewUrl });
    if (check.ok) shown.push({ ...app, node: check.settings });
    else rejected.push({ entityRef: app.entity.ref, label: app.label, reason: check.reason });
  }
  return { apps: shown, rejected };
}

/**
 * An entity's views with its node settings applied to the `view-url` view (the settings are that
 * micro app's); refused settings refuse that view, with the annotation and the reason. Pure.
 */
export function entityViewsWithNodeSettings(
  views: EntityViews,
  entity: Entity,
  allowedOrigins: ReadonlySet<string>,
  clientPermissions: ClientPermissionLimits,
): EntityViews {
  const raw = entity.metadata.annotations?.[LUIGI_NODE_SETTINGS_ANNOTATION];
  if (raw === undefined) return views;
  // The view-url view has the entity's own segment; further views append `~<slug>`.
  const base = pathSegmentForEntity(getCompoundEntityRef(entity));
  const main = views.views.find(view => view.pathSegment === base);
  if (!main) return views;
  const check = checkNodeSettings(raw, { allowedOrigins, clientPermissions, viewUrl: main.viewUrl });
  if (check.ok) {
    return { ...views, views: views.views.map(view => (view === main ? { ...view, node: check.settings } : view)) };
  }
  return {
    views: views.views.filter(view => view !== main),
    rejected: [...views.rejected, { label: main.label, annotation: LUIGI_NODE_SETTINGS_ANNOTATION, reason: check.reason }],
  };
}
