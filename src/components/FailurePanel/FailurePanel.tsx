import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { failureDetail } from './failureDetail';
import { shownText } from './shownText';

/** Props of {@link FailurePanel}. */
export interface FailurePanelProps {
  /** What failed, in the portal user's words ("Could not load the micro apps"). */
  title: string;
  /** What it means for them and what they can do, one or two plain sentences. */
  message: string;
  /**
   * Why, in the words of the server that refused (its error's message), when it gave one: shown as
   * text, printable and cut, isolated from the text around it.
   */
  reason?: string;
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
 * sentence for the user, the server's reason if it gave one, at most one short line of technical
 * detail, and a Retry (left out where retrying cannot help). Backstage's
 * `ErrorPanel` / `ResponseErrorPanel` are not used: they print the error's stack to the user.
 */
export function FailurePanel({
  title,
  message,
  reason,
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
        <Box display="flex" flexDirection="column" width="100%" style={{ overflowWrap: 'anywhere' }}>
          {reason && (
            <Typography variant="body2" data-testid="luigi-failure-reason">
              Reason: <bdi>{shownText(reason)}</bdi>
            </Typography>
          )}
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
