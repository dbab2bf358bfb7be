import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { checkFrameOrigins } from '../../csp/framePolicyCheck';
import { usePagePolicies } from '../../hooks/usePagePolicies';

/** Props of {@link PagePolicyPanel}. */
export interface PagePolicyPanelProps {
  /** The normalised `luigi.allowedOrigins`. */
  allowedOrigins: ReadonlySet<string>;
}

/**
 * Warns, before anyone opens a micro app, about allowlisted origins that the page's
 * Content-Security-Policy would refuse to frame, with the `backend.csp` entry that admits them.
 * Renders nothing when the policy admits them all (or the page has none).
 */
export function PagePolicyPanel({ allowedOrigins }: PagePolicyPanelProps) {
  const policies = usePagePolicies();
  const check = useMemo(
    () => checkFrameOrigins(policies, allowedOrigins, new URL(window.location.href)),
    [policies, allowedOrigins],
  );
  if (check.blockedOrigins.length === 0) return null;
  const count = check.blockedOrigins.length;
  return (
    <div data-testid="luigi-policy-diagnostics" style={{ marginBottom: 16 }}>
      <WarningPanel
        severity="warning"
        title={`The portal's Content-Security-Policy blocks ${count} allowlisted origin${count === 1 ? '' : 's'}`}
        message="Micro apps from these origins cannot be framed until the policy lists them."
        defaultExpanded
      >
        <Typography variant="body2">
          {check.blockedOrigins.join(', ')} {count === 1 ? 'is' : 'are'} in luigi.allowedOrigins, but the
          page's policy ({check.directive}) does not allow framing {count === 1 ? 'it' : 'them'}. Add this to
          the app-config of the Backstage backend that serves the portal (or to the proxy that sets the
          policy):
        </Typography>
        <pre data-testid="luigi-policy-snippet" style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>
          {check.snippet}
        </pre>
      </WarningPanel>
    </div>
  );
}
