import { MicroApp } from './types';

/**
 * The title of the entity `entityRef` as its micro apps among `apps` show it, or undefined when none
 * of them is its (or no ref is given). Pure.
 */
export function entityTitleOf(apps: readonly MicroApp[], entityRef: string | undefined): string | undefined {
  if (entityRef === undefined) return undefined;
  return apps.find(app => app.entity.ref === entityRef)?.entity.title;
}
