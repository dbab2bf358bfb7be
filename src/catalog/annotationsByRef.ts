import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/** Each entity's annotations by its ref; a malformed entity (already refused by the node builder) is left out. */
export function annotationsByRef(entities: readonly Entity[]): Map<string, Record<string, unknown> | undefined> {
  const annotationsOf = new Map<string, Record<string, unknown> | undefined>();
  for (const entity of entities) {
    try {
      annotationsOf.set(stringifyEntityRef(entity), entity.metadata.annotations);
    } catch {
      // No ref, so no app of it to look up.
    }
  }
  return annotationsOf;
}
