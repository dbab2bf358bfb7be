import { CompoundEntityRef, DEFAULT_NAMESPACE } from '@backstage/catalog-model';

const SEPARATOR = '~';

/**
 * A stable, URL-safe path segment for an entity. Components in the default namespace keep their bare
 * name (`orders`), anything else spells out kind and namespace (`api~payments~orders`). Entity names
 * never contain `~`, so two different entities can never share a segment.
 */
export function pathSegmentForEntity(ref: CompoundEntityRef): string {
  const kind = ref.kind.toLocaleLowerCase('en-US');
  const namespace = ref.namespace.toLocaleLowerCase('en-US');
  const name = ref.name.toLocaleLowerCase('en-US');
  if (kind === 'component' && namespace === DEFAULT_NAMESPACE) {
    return name;
  }
  return [kind, namespace, name].join(SEPARATOR);
}
