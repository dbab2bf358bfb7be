import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { RejectedMicroApp } from '../../catalog/types';

/** Props of {@link RejectedAppsPanel}. */
export interface RejectedAppsPanelProps {
  rejected: readonly RejectedMicroApp[];
  invalidOrigins: readonly string[];
}

/**
 * Diagnostics for admins and micro-app authors: which entities were refused and why, and which
 * `luigi.allowedOrigins` entries are not origins. Renders nothing when all is well.
 */
export function RejectedAppsPanel({ rejected, invalidOrigins }: RejectedAppsPanelProps) {
  if (rejected.length === 0 && invalidOrigins.length === 0) return null;
  const count = rejected.length + invalidOrigins.length;
  return (
    <div data-testid="luigi-diagnostics">
      <WarningPanel
        severity="warning"
        title={`${count} micro app configuration problem${count === 1 ? '' : 's'}`}
        message="These entries are hidden from navigation; the other micro apps work as usual."
      >
        <ul style={{ margin: 0 }}>
          {rejected.map(item => (
            <li key={item.entityRef} data-testid="luigi-rejected">
              <Typography variant="body2" component="span">
                <strong>{item.label}</strong> ({item.entityRef}): {item.reason}
              </Typography>
            </li>
          ))}
          {invalidOrigins.map(entry => (
            <li key={entry}>
              <Typography variant="body2" component="span">
                luigi.allowedOrigins entry "{entry}" is not an origin (scheme://host[:port]) and is ignored
              </Typography>
            </li>
          ))}
        </ul>
      </WarningPanel>
    </div>
  );
}
