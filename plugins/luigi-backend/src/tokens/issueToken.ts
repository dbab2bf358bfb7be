import {
  BackstageCredentials,
  BackstageUserPrincipal,
  DiscoveryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClientPermissionLimits,
  LuigiDenialReason,
  LuigiMicroAppToken,
  NO_TOKEN_AUDIENCES,
  tenantOfEntity,
  TokenAudiences,
} from 'backstage-plugin-luigi-common';
import { AccessMode } from '../access/accessMode';
import { ApplyConditions } from '../access/applyConditions';
import { requestAuthorizer } from '../access/requestAuthorizer';
import { authorizeOpen } from '../access/authorizeOpen';
import { decideAccess } from '../access/decideAccess';
import { ConfiguredTenant, findTenant } from '../tenants/configuredTenant';
import { authorizeEnter, decideTenantEntry } from '../tenants/decideTenantEntry';
import { outsideTenantOrigins } from '../tenants/tenantOrigins';
import { TokenIssuedBy } from './createTokenMinter';
import { microAppAudience } from './microAppAudience';
import { SigningKeys } from './signingKeys';
import { SigningTokenMinter } from './signingTokenMinter';
import { TokenMinter } from './tokenMinter';
import { minterRefusalReason, refusal, refusalFacts } from '../audit/refusal';
import { TokenRequest } from './tokenRequest';

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
  /**
   * `luigi.clientPermissions`: the client permissions node settings may grant. Absent: none, so an
   * entity whose settings grant any is no micro app here, as on the page.
   */
  clientPermissions?: ClientPermissionLimits;
  /**
   * `luigi.tokens.audiences`: the audiences the admin assigned to micro apps. Absent: none, every
   * app's audience is its entity ref.
   */
  tokenAudiences?: TokenAudiences;
  /** `luigi.tokens.lifetime`, in milliseconds. */
  tokenLifetimeMs: number;
  /** `luigi.tenants`. Absent or empty: no tenants, no tenant checks, no `tenant` claim. */
  tenants?: readonly ConfiguredTenant[];
  /**
   * Produces each token once every check has passed (see `createTokenMinter`). Default: the plugin's
   * own signer, a `SigningTokenMinter` over `discovery`, `signingKeys` and `tokenLifetimeMs`.
   */
  minter?: TokenMinter;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
  /**
   * Resolves conditional decisions at the owning plugin, so that the tenant and the app are asked
   * about in one policy request (see `requestAuthorizer`). Absent: one `permissions.authorize` each.
   */
  applyConditions?: ApplyConditions;
}

/**
 * An issued micro app token: the route's answer, and what the audit trail records of it.
 * @public
 */
export interface IssuedMicroAppToken {
  /** The body of the route's `200` answer. */
  answer: LuigiMicroAppToken;
  /** The token's `jti`, when the minter says. */
  tokenId?: string;
  issuedBy: TokenIssuedBy;
}

function denied(entityRef: string, reason: LuigiDenialReason, entityTenant?: string): NotAllowedError {
  return refusal(new NotAllowedError(`You may not open the micro frontends of ${entityRef} (denied: ${reason})`), {
    reason,
    entityTenant,
  });
}

/**
 * Issues the signed-in user a token for one micro app, refusing (with a Backstage error the error
 * middleware answers, marked with its reason for the audit trail) unless every check passes, in this
 * order:
 * 1. the permission framework must be on, or access opened to every signed-in user (403);
 * 2. the user must be able to read the entity in the catalog (404, asked with the user's credentials
 *    so the catalog's own read permission applies; missing and hidden look alike);
 * 3. with tenants configured: the entity must belong to a tenant (403 `no-tenant`), to the one the
 *    request names if it names one (403 `other-tenant`);
 * 4. the entity must be a valid micro app registration that claims nothing config does not give it
 *    (403: an audience other than its own, a tenant other than its namespace's), with a view at an
 *    origin of its tenant when the tenant narrows the allowlist (403 `origin-not-in-tenant`);
 * 5. with tenants configured, the user must be allowed to enter the entity's tenant (403 `tenant-denied`);
 * 6. the app's policy must allow opening it (403).
 * Then the minter produces the token; its refusals pass through (403, 503, 400).
 * @public
 */
export async function issueMicroAppToken(
  options: TokenIssuerOptions,
  request: TokenRequest,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
): Promise<IssuedMicroAppToken> {
  const { accessMode, permissions, catalog, userInfo, allowedOrigins, clientPermissions } = options;
  const { entityRef } = request;
  const tenants = options.tenants ?? [];
  if (accessMode === 'closed') {
    throw refusal(
      new NotAllowedError(
        'No micro app tokens are issued: the permission framework is off (permission.enabled is not true) ' +
          'and luigi.access.openToEverySignedInUser is not set',
      ),
      { reason: 'permission-framework-disabled' },
    );
  }

  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  // The same answer whether the entity is missing or hidden from this user: no existence oracle.
  if (!entity) throw new NotFoundError(`No entity ${entityRef} in the catalog, or you may not read it`);

  let tenant: ConfiguredTenant | undefined;
  if (tenants.length > 0) {
    tenant = findTenant(tenants, tenantOfEntity(entity, tenants));
    if (!tenant) throw denied(entityRef, 'no-tenant');
    if (request.tenant !== undefined && request.tenant !== tenant.id) {
      throw denied(entityRef, 'other-tenant', tenant.id);
    }
  }

  let audience: string;
  try {
    audience = microAppAudience(entity, entityRef, {
      allowedOrigins,
      clientPermissions,
      tokenAudiences: options.tokenAudiences ?? NO_TOKEN_AUDIENCES,
      tenants,
    });
  } catch (error) {
    throw refusal(error as Error, { ...refusalFacts(error), entityTenant: tenant?.id });
  }
  if (tenant && outsideTenantOrigins(entity.metadata.annotations, tenant, { allowedOrigins, clientPermissions })) {
    throw denied(entityRef, 'origin-not-in-tenant', tenant.id);
  }

  // Both questions in one policy request when conditions can be resolved here.
  const authorizer = options.applyConditions
    ? requestAuthorizer({ permissions, applyConditions: options.applyConditions }, credentials, { withTenants: !!tenant })
    : { enter: authorizeEnter(permissions, credentials), open: authorizeOpen(permissions, credentials) };
  if (tenant) {
    const [entry] = await decideTenantEntry([tenant.id], accessMode, authorizer.enter);
    if (entry?.result !== 'allow') throw denied(entityRef, 'tenant-denied', tenant.id);
  }

  const [decision] = await decideAccess([entityRef], accessMode, authorizer.open);
  if (decision?.result !== 'allow') {
    throw denied(entityRef, decision?.result === 'deny' ? decision.reason : 'malformed-decision', tenant?.id);
  }

  const { userEntityRef, ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
  const minter =
    options.minter ??
    new SigningTokenMinter({
      discovery: options.discovery,
      signingKeys: options.signingKeys,
      tokenLifetimeMs: options.tokenLifetimeMs,
      now: options.now,
    });
  let minted;
  try {
    minted = await minter.mint({
      userEntityRef,
      ownershipEntityRefs: [...ownershipEntityRefs],
      entityRef,
      audience,
      ...(tenant ? { tenant: tenant.id } : {}),
      ...(request.subjectToken === undefined ? {} : { subjectToken: request.subjectToken }),
    });
  } catch (error) {
    const thrown = error instanceof Error ? error : new Error(String(error));
    throw refusal(thrown, { reason: minterRefusalReason(thrown), entityTenant: tenant?.id });
  }

  return {
    answer: {
      token: minted.token,
      expiresAt: minted.expiresAt,
      audience,
      entityRef,
      ...(tenant ? { tenant: tenant.id } : {}),
    },
    ...(minted.tokenId === undefined ? {} : { tokenId: minted.tokenId }),
    issuedBy: minted.issuedBy,
  };
}
