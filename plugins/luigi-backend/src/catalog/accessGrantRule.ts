import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { createConditionFactory, createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';

/** What the grant rule needs to know: whether a user holds an active grant for an entity. */
export interface AccessGrantLookup {
  has(userEntityRef: string, entityRef: string): boolean;
}

const NO_GRANTS: AccessGrantLookup = { has: () => false };

/**
 * `HAS_ACCESS_GRANT` on catalog entities: `userEntityRef` holds an active access grant (an approved
 * access request, not yet ended) for the entity. A policy adds it beside its own conditions for
 * `luigi.micro-frontend.open` (RBAC: `userEntityRef: $currentUser`). It answers for single entities,
 * as luigi asks; in a catalog query it matches nothing (grants are by entity ref, which no single
 * catalog filter key holds), so it can never widen a listing.
 */
export function accessGrantRule(grants: AccessGrantLookup = NO_GRANTS) {
  return createPermissionRule({
    name: 'HAS_ACCESS_GRANT',
    description: 'Allow entities the given user holds an active luigi access grant for',
    resourceRef: catalogEntityPermissionResourceRef,
    paramsSchema: z.object({
      userEntityRef: z.string().describe('The user whose grants count: $currentUser in RBAC'),
    }),
    apply: (entity: Entity, { userEntityRef }) => grants.has(userEntityRef, stringifyEntityRef(entity)),
    toQuery: () => ({ key: 'metadata.uid', values: [] }),
  });
}

/**
 * Conditions a TypeScript permission policy returns to honour access grants:
 * `luigiAccessGrantConditions.hasAccessGrant({ userEntityRef })` for the user being decided, combined
 * with `anyOf` beside the policy's own conditions for `luigi.micro-frontend.open`.
 * @public
 */
export const luigiAccessGrantConditions = {
  hasAccessGrant: createConditionFactory(accessGrantRule()),
};
