import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { LuigiAccessMode } from 'backstage-plugin-luigi-common';
import { FailurePanel } from '../FailurePanel/FailurePanel';

/**
 * Tells admins how access to micro apps is decided when that is not by a permission policy: nobody
 * opens any (the permission framework is off), or everybody opens every one (app-config says so).
 * Nothing under the permission framework.
 */
export function AccessModePanel({ mode }: { mode: LuigiAccessMode }) {
  if (mode === 'closed') {
    return (
      <Box mb={2} data-testid="luigi-access-mode">
        <WarningPanel severity="warning" title="No micro app opens: access is not set up">
          <Typography>
            The permission framework is off (<code>permission.enabled</code> is not true), and the plugin denies by
            default. Enable it with a policy that grants <code>luigi.micro-frontend.open</code>, or, to let every
            signed-in user open every micro app, set <code>luigi.access.openToEverySignedInUser: true</code>.
          </Typography>
        </WarningPanel>
      </Box>
    );
  }
  if (mode === 'open-to-every-signed-in-user') {
    return (
      <Box mb={2} data-testid="luigi-access-mode">
        <WarningPanel severity="warning" title="Every signed-in user may open every micro app">
          <Typography>
            <code>luigi.access.openToEverySignedInUser</code> is set and the permission framework is off: no policy
            decides who opens which micro app.
          </Typography>
        </WarningPanel>
      </Box>
    );
  }
  return null;
}

/** Props of {@link AccessErrorPanel}. */
export interface AccessErrorPanelProps {
  error: Error;
  onRetry(): void;
  /** What could not be checked. Default: which micro apps the user may open. */
  title?: string;
}

/** Deciding failed: nothing opens (deny), and the user can ask again. */
export function AccessErrorPanel({
  error,
  onRetry,
  title = 'Could not check which micro apps you may open',
}: AccessErrorPanelProps) {
  return (
    <FailurePanel
      title={title}
      message="Nothing opens until the portal can check your access. Retry in a moment; if it keeps failing, tell the portal's administrators."
      error={error}
      onRetry={onRetry}
      retryTestId="luigi-access-retry"
      testId="luigi-access-error"
    />
  );
}
