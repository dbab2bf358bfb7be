import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { authProvidersExtensionPoint, createOAuthProviderFactory } from '@backstage/plugin-auth-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createCatalogGroupsSignInResolver } from './catalogGroupsSignInResolver';

/**
 * Auth backend module: the `oidc` sign-in provider (Backstage's own OpenID Connect authenticator)
 * with {@link createCatalogGroupsSignInResolver}, so the identity provider's groups become the
 * user's catalog groups. Install it instead of `@backstage/plugin-auth-backend-module-oidc-provider`
 * (both register the provider id `oidc`):
 * `backend.add(import('backstage-plugin-luigi-backend/auth'))`. Reads
 * `auth.providers.oidc.<env>.groupsClaim` and `.groupNamespace`.
 * @public
 */
export const authModuleLuigiOidcProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'luigi-oidc-provider',
  register(env) {
    env.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ providers, catalog, auth, config }) {
        const environment = config.getOptionalString('auth.environment') ?? 'development';
        const providerConfig = config.getOptionalConfig(`auth.providers.oidc.${environment}`);
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            signInResolver: createCatalogGroupsSignInResolver({
              catalog,
              auth,
              groupsClaim: providerConfig?.getOptionalString('groupsClaim'),
              groupNamespace: providerConfig?.getOptionalString('groupNamespace'),
            }),
          }),
        });
      },
    });
  },
});
