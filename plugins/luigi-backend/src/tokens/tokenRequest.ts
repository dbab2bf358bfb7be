import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * The entity ref of a token request body (`{ "entityRef": "component:default/orders" }`), normalized
 * (lower case, full form). Throws an InputError (400) for anything else.
 * @public
 */
export function readTokenRequest(body: unknown): string {
  const entityRef = (body as { entityRef?: unknown } | undefined)?.entityRef;
  if (typeof entityRef !== 'string') throw new InputError('Expected a JSON body with an entityRef string');
  try {
    return stringifyEntityRef(parseEntityRef(entityRef)).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError('entityRef is not an entity ref');
  }
}
