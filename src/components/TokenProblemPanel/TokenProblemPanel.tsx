import Button from '@material-ui/core/Button';
import { TokenState } from '../../auth/TokenRotation';
import { MicroAppTokenProblem } from '../../hooks/useLuigiSession';
import { FailurePanel } from '../FailurePanel/FailurePanel';
import { appTokenProblemText } from './appTokenProblemText';

/** Props of {@link TokenProblemPanel}. */
export interface TokenProblemPanelProps {
  token?: TokenState;
  /** The luigi backend gave a micro app no token. */
  appTokenProblem?: MicroAppTokenProblem;
  /** The title of `appTokenProblem`'s app, to name it by; its entity ref when not known. */
  appTitle?: string;
  /** Reading the signed-in user (Backstage's identity) failed. */
  identityError?: Error;
  canSignIn: boolean;
  onSignIn(): void;
  /**
   * Asks for the user and the tokens again; offered with every problem but a micro app's token the
   * backend refused (403, 404), which no retry changes.
   */
  onRetry?(): void;
}

/**
 * Says so when micro apps have no valid token (refresh failed, token expired, signed out, the luigi
 * backend issued none) or the signed-in user could not be read, with a retry and a sign-in action.
 * A token the backend refused says why, in the backend's words, and what must change instead of
 * offering a retry. Renders nothing while the token is valid or still loading.
 */
export function TokenProblemPanel({
  token,
  appTokenProblem,
  appTitle,
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
    const text = appTokenProblemText(appTokenProblem, appTitle);
    return (
      <FailurePanel
        severity="warning"
        title={text.title}
        message={text.message}
        reason={text.reason}
        error={appTokenProblem.error}
        onRetry={text.retry ? onRetry : undefined}
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
