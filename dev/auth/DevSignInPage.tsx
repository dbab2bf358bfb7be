import { SignInPage } from '@backstage/core-components';
import { SignInPageProps } from '@backstage/core-plugin-api';
import { oidcSignInProvider } from './oidcAuthApi';

/**
 * Backstage's own sign-in page with the local OpenID Connect provider. `auto` signs in again
 * silently on a reload while the auth backend's session cookie lasts.
 */
export function DevSignInPage(props: SignInPageProps) {
  return <SignInPage {...props} auto provider={oidcSignInProvider} />;
}
