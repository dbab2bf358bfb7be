// Sign-in at the local OpenID Connect provider through Backstage's auth backend (provider id
// `oidc`), the way an app's apis.ts sets up an OIDC provider.
import { OAuth2 } from '@backstage/core-app-api';
import {
  ApiRef,
  BackstageIdentityApi,
  OpenIdConnectApi,
  ProfileInfoApi,
  SessionApi,
  configApiRef,
  createApiFactory,
  createApiRef,
  discoveryApiRef,
  oauthRequestApiRef,
} from '@backstage/core-plugin-api';

/** The dev portal's OIDC auth API: sign-in, and the access token the micro apps receive. */
export const oidcAuthApiRef: ApiRef<OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi> =
  createApiRef({ id: 'dev.auth.oidc' });

/** Scopes asked at sign-in: `groups` puts the user's groups in the tokens, `offline_access` a refresh token. */
const SCOPES = ['openid', 'profile', 'email', 'groups', 'offline_access'];

/** Builds {@link oidcAuthApiRef} from the app's discovery, OAuth request and config APIs. */
export const oidcAuthApiFactory = createApiFactory({
  api: oidcAuthApiRef,
  deps: { discoveryApi: discoveryApiRef, oauthRequestApi: oauthRequestApiRef, configApi: configApiRef },
  factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
    OAuth2.create({
      configApi,
      discoveryApi,
      oauthRequestApi,
      provider: { id: 'oidc', title: 'Local OpenID Connect provider', icon: () => null },
      environment: configApi.getOptionalString('auth.environment'),
      defaultScopes: SCOPES,
    }),
});

/** The sign-in page's one provider. */
export const oidcSignInProvider = {
  id: 'oidc-auth-provider',
  title: 'Local OpenID Connect provider',
  message: 'Sign in as alice (platform-admins, team-orders) or bob (team-billing)',
  apiRef: oidcAuthApiRef,
};
