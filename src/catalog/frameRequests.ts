import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { checkFrameRequest, FrameLimits } from 'backstage-plugin-luigi-common';
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
  const annotationsOf = new Map<string, Record<string, unknown> | undefined>();
  for (const entity of entities) {
    try {
      annotationsOf.set(stringifyEntityRef(entity), entity.metadata.annotations);
    } catch {
      // A malformed entity is already refused by the node builder.
    }
  }
  const shown: MicroApp[] = [];
  const rejected: RejectedMicroApp[] = [];
  for (const app of apps) {
    const check = checkFrameRequest(annotationsOf.get(app.entity.ref), limits);
    if (check.ok) shown.push(check.frame.allow.length || check.frame.sandbox.length ? { ...app, frame: check.frame } : app);
    else rejected.push({ entityRef: app.entity.ref, label: app.label, reason: check.reason });
  }
  return { apps: shown, rejected };
}
