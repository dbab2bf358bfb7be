import { Entity } from '@backstage/catalog-model';

/** A catalog Component for tests, titled after its name, owned by team-a, in `system` if given. */
export function componentEntity(
  name: string,
  annotations: Record<string, string>,
  system?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, title: name[0].toUpperCase() + name.slice(1), annotations },
    spec: { owner: 'team-a', system },
  };
}
