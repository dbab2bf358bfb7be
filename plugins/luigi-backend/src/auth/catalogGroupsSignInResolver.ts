import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { OAuthAuthenticatorResult, SignInResolver } from '@backstage/plugin-auth-node';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Options of {@link createCatalogGroupsSignInResolver}. @public */
export interface CatalogGroupsSignInResolverOptions {
  /** Reads the catalog, to keep only groups that exist there. */
  catalog: CatalogService;
  /** The plugin's own service credentials for that read. */
  auth: AuthService;
  /** ID token claim holding the user's group names. Default `groups`. */
  groupsClaim?: string;
  /** Catalog namespace the group names live in. Default `default`. */
  groupNamespace?: string;
}

/**
 * A sign-in resolver for the OpenID Connect provider that ties the identity provider's groups to
 * catalog groups. It finds the catalog User by the ID token's verified `email`
 * (`spec.profile.email`), and gives the user, as ownership refs, the catalog's own memberships plus
 * every group named in the ID token's groups claim that exists in the catalog as a Group. Groups
 * the catalog does not know are dropped, so the identity provider cannot invent owners.
 * @public
 */
export function createCatalogGroupsSignInResolver(
  options: CatalogGroupsSignInResolverOptions,
): SignInResolver<OAuthAuthenticatorResult<OidcAuthResult>> {
  const { catalog, auth, groupsClaim = 'groups', groupNamespace = 'default' } = options;
  return async (info, ctx) => {
    const claims = info.result.fullProfile.tokenset.claims();
    if (typeof claims.email !== 'string' || claims.email_verified !== true) {
      throw new Error('Sign-in refused: the identity provider gave no verified email address');
    }
    const { entity } = await ctx.findCatalogUser({
      filter: { 'spec.profile.email': claims.email },
    });
    const { ownershipEntityRefs } = await ctx.resolveOwnershipEntityRefs(entity);
    const groupRefs = await existingGroupRefs(
      groupNamesOf(claims[groupsClaim]).map(name =>
        stringifyEntityRef({ kind: 'group', namespace: groupNamespace, name }).toLocaleLowerCase('en-US'),
      ),
      catalog,
      auth,
    );
    return ctx.issueToken({
      claims: {
        sub: stringifyEntityRef(entity),
        ent: [...new Set([...ownershipEntityRefs, ...groupRefs])],
      },
    });
  };
}

/**
 * The group names in a claim value: strings only, anything else is ignored.
 * @internal
 */
export function groupNamesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((name): name is string => typeof name === 'string' && name.trim() !== '');
}

async function existingGroupRefs(refs: string[], catalog: CatalogService, auth: AuthService) {
  if (refs.length === 0) return [];
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs, fields: ['kind', 'metadata.namespace', 'metadata.name'] },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return items
    .filter(item => item?.kind.toLocaleLowerCase('en-US') === 'group')
    .map(item => stringifyEntityRef(item!).toLocaleLowerCase('en-US'));
}
