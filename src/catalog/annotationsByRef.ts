import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/** Each entity's annotations by its ref; a malformed entity (already refused by the node builder) is left out. */
export function annotationsByRef(entities: readonly Entity[]): Map<string, Record<string, unknown> | undefined> {
  return new Map([...entitiesByRef(entities)].map(([ref, entity]) => [ref, entity.metadata.annotations]));
}

/** Each entity by its ref; a malformed entity (already refused by the node builder) is left out. */
export function entitiesByRef(entities: readonly Entity[]): Map<string, Entity> {
  const byRef = new Map<string, Entity>();
  for (const entity of entities) {
    try {
      byRef.set(stringifyEntityRef(entity), entity);
    } catch {
      // No ref, so no app of it to look up.
    }
  }
  return byRef;
}
