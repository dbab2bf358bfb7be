import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { failureDetail } from './failureDetail';

/** Props of {@link FailurePanel}. */
export interface FailurePanelProps {
  /** What failed, in the portal user's words ("Could not load the micro apps"). */
  title: string;
  /** What it means for them and what they can do, one or two plain sentences. */
  message: string;
  /** The error behind it: shown only as a short technical line (status, request id), never a stack. */
  error?: unknown;
  /** `error` (default) when something the user wanted is missing; `warning` when the rest works. */
  severity?: 'error' | 'warning';
  /** Offers a Retry button calling this. */
  onRetry?(): void;
  /** Test id of the Retry button. Default `luigi-retry`. */
  retryTestId?: string;
  /** Test id of the panel. */
  testId?: string;
  /** Further actions, beside Retry (a sign-in button, for one). */
  actions?: ReactNode;
}

/**
 * The plugin's one panel for something that failed: Backstage's `WarningPanel`, expanded, with a
 * sentence for the user, at most one short line of technical detail, and a Retry. Backstage's
 * `ErrorPanel` / `ResponseErrorPanel` are not used: they print the error's stack to the user.
 */
export function FailurePanel({
  title,
  message,
  error,
  severity = 'error',
  onRetry,
  retryTestId = 'luigi-retry',
  testId,
  actions,
}: FailurePanelProps) {
  const detail = failureDetail(error);
  return (
    <Box mb={2} data-testid={testId}>
      <WarningPanel severity={severity} title={title} message={message} defaultExpanded>
        <Box display="flex" flexDirection="column" width="100%">
          {detail && (
            <Typography variant="caption" color="textSecondary" data-testid="luigi-failure-detail">
              Details: {detail}
            </Typography>
          )}
          {(onRetry || actions) && (
            <Box mt={1} display="flex" style={{ gap: 8 }}>
              {onRetry && (
                <Button variant="contained" color="primary" onClick={onRetry} data-testid={retryTestId}>
                  Retry
                </Button>
              )}
              {actions}
            </Box>
          )}
        </Box>
      </WarningPanel>
    </Box>
  );
}
