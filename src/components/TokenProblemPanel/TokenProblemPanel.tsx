import { WarningPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { TokenState } from '../../auth/TokenRotation';
import { MicroAppTokenProblem } from '../../hooks/useLuigiSession';

/** Props of {@link TokenProblemPanel}. */
export interface TokenProblemPanelProps {
  token?: TokenState;
  /** The luigi backend gave a micro app no token. */
  appTokenProblem?: MicroAppTokenProblem;
  canSignIn: boolean;
  onSignIn(): void;
}

/**
 * Says so when micro apps have no valid token (refresh failed, token expired, signed out), with a
 * sign-in action. Renders nothing while the token is valid or still loading.
 */
export function TokenProblemPanel({ token, appTokenProblem, canSignIn, onSignIn }: TokenProblemPanelProps) {
  if (!token || token.status === 'valid') {
    if (!appTokenProblem) return null;
    return (
      <div data-testid="luigi-app-token-problem">
        <WarningPanel
          severity="warning"
          title={`The micro app of ${appTokenProblem.entityRef} received no token`}
          message={`The luigi backend did not issue it: ${appTokenProblem.error.message}`}
          defaultExpanded
        />
      </div>
    );
  }
  const what = token.status === 'expired' ? 'Your sign-in has expired' : 'No valid sign-in token';
  return (
    <div data-testid="luigi-token-problem" data-status={token.status}>
      <WarningPanel
        severity="warning"
        title={`${what}: micro apps no longer receive a token`}
        message={
          token.error
            ? `Refreshing the token failed: ${token.error.message}`
            : 'Sign in again so micro apps can call their services on your behalf.'
        }
        defaultExpanded
      >
        {canSignIn ? (
          <Button variant="contained" color="primary" onClick={onSignIn}>
            Sign in
          </Button>
        ) : (
          <Button variant="contained" color="primary" onClick={() => window.location.reload()}>
            Reload to sign in
          </Button>
        )}
      </WarningPanel>
    </div>
  );
}
