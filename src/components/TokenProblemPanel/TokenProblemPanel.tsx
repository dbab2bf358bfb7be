import Button from '@material-ui/core/Button';
import { TokenState } from '../../auth/TokenRotation';
import { MicroAppTokenProblem } from '../../hooks/useLuigiSession';
import { FailurePanel } from '../FailurePanel/FailurePanel';

/** Props of {@link TokenProblemPanel}. */
export interface TokenProblemPanelProps {
  token?: TokenState;
  /** The luigi backend gave a micro app no token. */
  appTokenProblem?: MicroAppTokenProblem;
  /** Reading the signed-in user (Backstage's identity) failed. */
  identityError?: Error;
  canSignIn: boolean;
  onSignIn(): void;
  /** Asks for the user and the tokens again; offered with every problem. */
  onRetry?(): void;
}

/**
 * Says so when micro apps have no valid token (refresh failed, token expired, signed out, the luigi
 * backend issued none) or the signed-in user could not be read, with a retry and a sign-in action.
 * Renders nothing while the token is valid or still loading.
 */
export function TokenProblemPanel({
  token,
  appTokenProblem,
  identityError,
  canSignIn,
  onSignIn,
  onRetry,
}: TokenProblemPanelProps) {
  const signIn = canSignIn ? (
    <Button variant="outlined" color="primary" onClick={onSignIn}>
      Sign in
    </Button>
  ) : (
    <Button variant="outlined" color="primary" onClick={() => window.location.reload()}>
      Reload to sign in
    </Button>
  );
  if (identityError) {
    return (
      <FailurePanel
        title="Could not read who you are signed in as"
        message="Micro apps receive neither your identity nor a token until the portal can read your sign-in. Retry in a moment, or sign in again."
        error={identityError}
        onRetry={onRetry}
        retryTestId="luigi-token-retry"
        testId="luigi-identity-problem"
        actions={signIn}
      />
    );
  }
  if (!token || token.status === 'valid') {
    if (!appTokenProblem) return null;
    return (
      <FailurePanel
        severity="warning"
        title={`The micro app of ${appTokenProblem.entityRef} received no token`}
        message="The portal could not get a token for it, so it cannot call its services on your behalf. Retry in a moment; if it keeps failing, tell the portal's administrators."
        error={appTokenProblem.error}
        onRetry={onRetry}
        retryTestId="luigi-token-retry"
        testId="luigi-app-token-problem"
      />
    );
  }
  const expired = token.status === 'expired';
  return (
    <div data-testid="luigi-token-problem" data-status={token.status}>
      <FailurePanel
        severity="warning"
        title={`${expired ? 'Your sign-in has expired' : 'No valid sign-in token'}: micro apps no longer receive a token`}
        message={
          token.error
            ? 'The portal could not renew your sign-in, so micro apps cannot call their services on your behalf. Retry in a moment, or sign in again.'
            : 'Micro apps cannot call their services on your behalf. Sign in again, or retry if the sign-in service was only briefly unavailable.'
        }
        error={token.error}
        // The auth API hides why it has no token (a lapsed session or a failing service): offer both.
        onRetry={onRetry}
        retryTestId="luigi-token-retry"
        actions={signIn}
      />
    </div>
  );
}
