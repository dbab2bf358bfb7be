// Imported first by the entry point, before anything loads Backstage's OpenID Connect authenticator.
import { assertOptionalPeer } from '../optionalPeer';

assertOptionalPeer('auth', '@backstage/plugin-auth-backend-module-oidc-provider');
