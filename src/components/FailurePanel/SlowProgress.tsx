import { Progress } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { useEffect, useState } from 'react';
import { FailurePanel } from './FailurePanel';

/** Props of {@link SlowProgress}. */
export interface SlowProgressProps {
  /** After this long the progress bar explains itself. Default 5 s. */
  slowAfterMs?: number;
  /** What is being waited for, as a title ("Still loading the micro apps"). */
  title: string;
  /** What the user should know while waiting. */
  message: string;
  /** Test id of the note shown once slow. */
  testId?: string;
}

/**
 * A progress bar that does not spin silently forever: once loading takes longer than
 * `slowAfterMs`, it says what is being waited for and offers to reload the page (a request that
 * hangs cannot be retried from the page itself). It goes away with the content it waits for.
 */
export function SlowProgress({ slowAfterMs = 5000, title, message, testId = 'luigi-slow' }: SlowProgressProps) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), slowAfterMs);
    return () => clearTimeout(timer);
  }, [slowAfterMs]);
  return (
    <>
      <Progress />
      {slow && (
        <FailurePanel
          severity="warning"
          title={title}
          message={message}
          testId={testId}
          actions={
            <Button variant="outlined" onClick={() => window.location.reload()} data-testid={`${testId}-reload`}>
              Reload page
            </Button>
          }
        />
      )}
    </>
  );
}
