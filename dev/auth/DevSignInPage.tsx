import { SignInPage } from '@backstage/core-components';
import { SignInPageProps } from '@backstage/core-plugin-api';
import { oidcSignInProvider } from './oidcAuthApi';

/**
 * Backstage's own sign-in page with the local OpenID Connect provider. A reload signs in again
 * silently while the auth backend's session lasts. Not `auto`: that opens the provider's popup by
 * itself, which (the provider remembering its own session) signs a user who just signed out
 * straight back in, so nobody could switch users.
 */
export function DevSignInPage(props: SignInPageProps) {
  return <SignInPage {...props} provider={oidcSignInProvider} />;
}
