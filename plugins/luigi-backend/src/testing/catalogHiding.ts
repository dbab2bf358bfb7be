import { BackstageUserPrincipal, createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * Backstage's in-memory catalog over `entities`, with a read rule of its own: a read by ref answers
 * nothing for an entity `hides` hides from the calling user, as the catalog's permission rules would.
 * With `requireUser`, a read without a user's credentials fails the test: the route must read as the user.
 */
export function catalogHiding(
  entities: Entity[],
  hides: (entity: Entity, userEntityRef: string | undefined) => boolean,
  options: { requireUser?: boolean } = {},
) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory() {
      const inMemory = catalogServiceMock({ entities });
      const getEntityByRef = inMemory.getEntityByRef.bind(inMemory);
      return Object.assign(inMemory, {
        async getEntityByRef(ref: any, readOptions?: any) {
          const user = (readOptions?.credentials?.principal as BackstageUserPrincipal | undefined)?.userEntityRef;
          if (options.requireUser && !user) throw new Error('the catalog was asked without user credentials');
          const entity = await getEntityByRef(ref, readOptions);
          return entity && hides(entity, user) ? undefined : entity;
        },
      });
    },
  });
}
