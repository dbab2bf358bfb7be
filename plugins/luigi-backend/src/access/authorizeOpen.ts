import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';
import { AuthorizeEntities } from './decideAccess';

/**
 * Entities per request to the permission backend. Its route parses bodies up to Express's default
 * 100 kB, which about 500 requests fill: a catalog of a thousand micro apps would get 413 for all of
 * them. Batches run side by side.
 */
export const AUTHORIZE_BATCH = 200;

/**
 * Asks the permission framework, with the caller's own credentials, whether they may open each
 * entity's micro frontends (`luigi.micro-frontend.open` with the entity as resource); answers in
 * the order asked.
 */
export function authorizeOpen(permissions: PermissionsService, credentials: BackstageCredentials): AuthorizeEntities {
  return async entityRefs => {
    const batches: string[][] = [];
    for (let i = 0; i < entityRefs.length; i += AUTHORIZE_BATCH) batches.push(entityRefs.slice(i, i + AUTHORIZE_BATCH));
    const answers = await Promise.all(
      batches.map(batch =>
        permissions.authorize(
          batch.map(resourceRef => ({ permission: luigiMicroFrontendOpenPermission, resourceRef })),
          { credentials },
        ),
      ),
    );
    return answers.flat();
  };
}
