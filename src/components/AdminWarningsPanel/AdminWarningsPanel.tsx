import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useAdminWarnings } from '../../hooks/useAdminWarnings';

/**
 * Shows the portal's admins what the backend found wrong with the permission policy (it lets everybody
 * open every micro app), with the fix, one panel per warning. Renders nothing for anybody else, and
 * while there is nothing to say.
 */
export function AdminWarningsPanel() {
  const warnings = useAdminWarnings();
  if (warnings.length === 0) return null;
  return (
    <>
      {warnings.map(warning => (
        <Box mb={2} key={warning.id} data-testid="luigi-admin-warning">
          <WarningPanel severity="warning" title={warning.title} defaultExpanded>
            <Typography variant="body2">{warning.message}</Typography>
            <Typography variant="body2" style={{ marginTop: 8 }}>
              <strong>Fix:</strong> {warning.fix}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              Last found by the portal's backend at {new Date(warning.detectedAt).toLocaleString()}. Shown to users
              the permission policy allows luigi.admin.read.
            </Typography>
          </WarningPanel>
        </Box>
      ))}
    </>
  );
}
