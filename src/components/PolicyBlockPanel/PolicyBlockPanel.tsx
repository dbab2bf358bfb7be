import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { blockAdvice, describeBlock, PolicyBlock } from '../../csp/policyAdvice';
import { usePagePolicies } from '../../hooks/usePagePolicies';

/** Props of {@link PolicyBlockPanel}. */
export interface PolicyBlockPanelProps {
  title: string;
  block: PolicyBlock;
  severity?: 'error' | 'warning';
  /** A button or link under the advice (reload, retry). */
  action?: ReactNode;
}

/**
 * What the page's Content-Security-Policy refused, and the exact `backend.csp` entry that admits it,
 * built from the policy the page is under so that nothing it already allows is lost.
 */
export function PolicyBlockPanel({ title, block, severity = 'error', action }: PolicyBlockPanelProps) {
  const policies = usePagePolicies();
  const snippet = blockAdvice(policies, block, new URL(window.location.href));
  return (
    <Box data-testid="luigi-policy-block" data-kind={block.kind} data-blocked={block.blocked}>
      <WarningPanel severity={severity} title={title} defaultExpanded>
        <Typography variant="body2" paragraph>
          {describeBlock(block)}
        </Typography>
        <Typography variant="body2">
          An admin adds this to the app-config of the Backstage backend that serves the portal (or to the
          proxy that sets the policy), then restarts it:
        </Typography>
        <pre data-testid="luigi-policy-snippet" style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>
          {snippet}
        </pre>
        {action && <Box mt={1}>{action}</Box>}
      </WarningPanel>
    </Box>
  );
}
