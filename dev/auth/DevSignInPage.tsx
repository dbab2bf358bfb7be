import { SignInPageProps } from '@backstage/core-plugin-api';
import { Content, ErrorPanel, Header, InfoCard, Page } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { devOidcAuth } from './DevOidcAuth';
import { startSignIn } from './devOidcClient';

/**
 * Signs in at the local OIDC provider (authorization code + PKCE, completed in dev/index.tsx), then
 * hands Backstage the identity.
 */
export function DevSignInPage({ onSignInSuccess }: SignInPageProps) {
  const [error, setError] = useState<Error>();
  useEffect(() => {
    devOidcAuth
      .getIdToken()
      .then(token => token && onSignInSuccess(devOidcAuth.toIdentityApi()))
      .catch(setError);
  }, [onSignInSuccess]);

  return (
    <Page themeId="home">
      <Header title="Luigi micro apps: dev portal" />
      <Content>
        {error && <ErrorPanel error={error} title="Sign-in failed" />}
        <InfoCard title="Sign in">
          <Typography paragraph>
            Sign in at the local OpenID Connect provider started by <code>npm start</code>. Users: alice
            (platform-admins, team-orders) and bob (team-billing).
          </Typography>
          <Button
            variant="contained"
            color="primary"
            data-testid="dev-sign-in"
            onClick={() => startSignIn().catch(setError)}
          >
            Sign in with the local OIDC provider
          </Button>
        </InfoCard>
      </Content>
    </Page>
  );
}
