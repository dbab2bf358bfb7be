import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';
import { AuthorizeEntities } from './decideAccess';

/**
 * Asks the permission framework, with the caller's own credentials, whether they may open each
 * entity's micro frontends (`luigi.micro-frontend.open` with the entity as resource).
 */
export function authorizeOpen(permissions: PermissionsService, credentials: BackstageCredentials): AuthorizeEntities {
  return entityRefs =>
    permissions.authorize(
      entityRefs.map(resourceRef => ({ permission: luigiMicroFrontendOpenPermission, resourceRef })),
      { credentials },
    );
}
