import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { ClientPermissionLimits, readNodeSettings } from 'backstage-plugin-luigi-common';
import { annotationsByRef } from './annotationsByRef';
import { pathSegmentForEntity } from './pathSegment';
import type { EntityViews } from './entityViews';
import { MicroApp, RejectedMicroApp } from './types';

/**
 * Applies each entity's node settings (`luigi-project.io/node-settings`, or an OpenMFP content
 * configuration in `luigi-project.io/content-configuration`) to its micro app: checked against the
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
    const settings = readNodeSettings(annotationsOf.get(app.entity.ref), { allowedOrigins, clientPermissions, viewUrl: app.viewUrl });
    if (!settings) shown.push(app);
    else if (settings.check.ok) shown.push({ ...app, node: settings.check.settings });
    else rejected.push({ entityRef: app.entity.ref, owner: app.entity.owner, label: app.label, reason: settings.check.reason });
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
  const annotations = entity.metadata.annotations;
  // The view-url view has the entity's own segment; further views append `~<slug>`.
  const base = pathSegmentForEntity(getCompoundEntityRef(entity));
  const main = views.views.find(view => view.pathSegment === base);
  if (!main) return views;
  const settings = readNodeSettings(annotations, { allowedOrigins, clientPermissions, viewUrl: main.viewUrl });
  if (!settings) return views;
  const { check } = settings;
  if (check.ok) {
    return { ...views, views: views.views.map(view => (view === main ? { ...view, node: check.settings } : view)) };
  }
  return {
    views: views.views.filter(view => view !== main),
    rejected: [...views.rejected, { label: main.label, annotation: settings.annotation, reason: check.reason }],
  };
}
