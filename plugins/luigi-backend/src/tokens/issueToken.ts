import {
  BackstageCredentials,
  BackstageUserPrincipal,
  DiscoveryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { LuigiMicroAppToken } from 'backstage-plugin-luigi-common';
import { randomUUID } from 'node:crypto';
import { AccessMode } from '../access/accessMode';
import { authorizeOpen } from '../access/authorizeOpen';
import { decideAccess } from '../access/decideAccess';
import { microAppAudience } from './microAppAudience';
import { SigningKeys } from './signingKeys';
import { signMicroAppToken } from './signToken';

/**
 * What issuing a micro app token needs.
 * @public
 */
export interface TokenIssuerOptions {
  accessMode: AccessMode;
  permissions: PermissionsService;
  catalog: CatalogService;
  userInfo: UserInfoService;
  discovery: DiscoveryService;
  signingKeys: SigningKeys;
  /** `luigi.allowedOrigins`, as origins. */
  allowedOrigins: ReadonlySet<string>;
  /** `luigi.tokens.lifetime`, in milliseconds. */
  tokenLifetimeMs: number;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/**
 * Issues the signed-in user a token for one micro app, refusing (with a Backstage error the error
 * middleware answers) unless every check passes, in this order: the permission framework must be on,
 * or access opened to every signed-in user (403), the user must be able to read the entity in the catalog
 * (404, asked with the user's credentials so the catalog's own read permission applies), the entity
 * must be a valid micro app registration (403), and the app's policy must allow opening it (403).
 * @param entityRef - normalized (lower case, full form)
 * @public
 */
export async function issueMicroAppToken(
  options: TokenIssuerOptions,
  entityRef: string,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
): Promise<LuigiMicroAppToken> {
  const { accessMode, permissions, catalog, userInfo, discovery, signingKeys } = options;
  if (accessMode === 'closed') {
    throw new NotAllowedError(
      'No micro app tokens are issued: the permission framework is off (permission.enabled is not true) ' +
        'and luigi.access.openToEverySignedInUser is not set',
    );
  }

  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  // The same answer whether the entity is missing or hidden from this user: no existence oracle.
  if (!entity) throw new NotFoundError(`No entity ${entityRef} in the catalog, or you may not read it`);
  const audience = microAppAudience(entity, entityRef, options.allowedOrigins);

  const [decision] = await decideAccess([entityRef], accessMode, authorizeOpen(permissions, credentials));
  if (decision?.result !== 'allow') {
    const reason = decision?.result === 'deny' ? decision.reason : 'malformed-decision';
    throw new NotAllowedError(`You may not open the micro frontends of ${entityRef} (denied: ${reason})`);
  }

  const { userEntityRef, ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
  const iss = await discovery.getExternalBaseUrl('luigi');
  const key = await signingKeys.signingKey();
  const now = (options.now ?? Date.now)();
  const iat = Math.floor(now / 1000);
  const exp = Math.floor((now + options.tokenLifetimeMs) / 1000);
  const token = await signMicroAppToken(key, {
    iss,
    sub: userEntityRef,
    aud: audience,
    ent: [...ownershipEntityRefs],
    app: entityRef,
    iat,
    exp,
    jti: randomUUID(),
  });
  return { token, expiresAt: exp * 1000, audience, entityRef };
}
