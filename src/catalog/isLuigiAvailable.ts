import { Entity } from '@backstage/catalog-model';
import { LUIGI_VIEWS_ANNOTATION, LUIGI_VIEW_URL_ANNOTATION } from './annotations';

// Its own file, importing nothing else of the plugin: apps call it eagerly in their entity pages.
const declared = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/**
 * Whether an entity declares a micro frontend (`luigi-project.io/view-url` or `luigi-project.io/views`),
 * for `EntitySwitch.Case if=` and `EntityLayout.Route if=`. Says nothing about validity: the entity tab
 * shows why a declared view cannot be opened.
 * @public
 */
export function isLuigiAvailable(entity: Entity): boolean {
  const annotations = entity?.metadata?.annotations ?? {};
  return declared(annotations[LUIGI_VIEW_URL_ANNOTATION]) || declared(annotations[LUIGI_VIEWS_ANNOTATION]);
}
