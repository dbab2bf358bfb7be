import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { LuigiAccessDecision } from 'backstage-plugin-luigi-common';
import { AccessMode } from './accessMode';

/**
 * One entity's decision (see the common package).
 * @public
 */
export type AccessDecision = LuigiAccessDecision;

/** Asks the permission framework about each entity ref, in order, with the user's credentials. */
export type AuthorizeEntities = (entityRefs: string[]) => Promise<Array<{ result: unknown }>>;

/**
 * Decides, for each entity ref, whether the user may open its micro frontends. Anything but an
 * explicit ALLOW denies. A failing permission backend rejects (the caller answers with an error, the
 * frontend denies and offers a retry): it is never taken as a decision.
 * @public
 */
export async function decideAccess(
  entityRefs: string[],
  mode: AccessMode,
  authorize: AuthorizeEntities,
): Promise<AccessDecision[]> {
  if (mode === 'closed') {
    return entityRefs.map(entityRef => ({ entityRef, result: 'deny', reason: 'permission-framework-disabled' }));
  }
  if (mode === 'open-to-every-signed-in-user') {
    return entityRefs.map(entityRef => ({ entityRef, result: 'allow' }));
  }
  if (entityRefs.length === 0) return [];
  const answers = await authorize(entityRefs);
  if (!Array.isArray(answers) || answers.length !== entityRefs.length) {
    return entityRefs.map(entityRef => ({ entityRef, result: 'deny', reason: 'malformed-decision' }));
  }
  return entityRefs.map((entityRef, index): AccessDecision => {
    const result = answers[index]?.result;
    if (result === AuthorizeResult.ALLOW) return { entityRef, result: 'allow' };
    if (result === AuthorizeResult.DENY) return { entityRef, result: 'deny', reason: 'policy' };
    return { entityRef, result: 'deny', reason: 'malformed-decision' };
  });
}
