import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { RejectedEntityView } from '../../catalog/entityViews';

/** Props of {@link RejectedViewsPanel}. */
export interface RejectedViewsPanelProps {
  rejected: readonly RejectedEntityView[];
  invalidOrigins: readonly string[];
}

/**
 * Why some of an entity's declared views are not shown, and which `luigi.allowedOrigins` entries are
 * ignored. Renders nothing when all is well. Entity text is rendered as text.
 */
export function RejectedViewsPanel({ rejected, invalidOrigins }: RejectedViewsPanelProps) {
  if (rejected.length === 0 && invalidOrigins.length === 0) return null;
  const count = rejected.length + invalidOrigins.length;
  return (
    <div data-testid="luigi-diagnostics" style={{ marginBottom: 16 }}>
      <WarningPanel
        severity="warning"
        title={`${count} micro frontend configuration problem${count === 1 ? '' : 's'}`}
        message="These views of the entity are not shown; its other views work as usual."
      >
        <ul style={{ margin: 0 }}>
          {rejected.map((item, index) => (
            <li key={`${item.annotation}:${index}`} data-testid="luigi-rejected">
              <Typography variant="body2" component="span">
                <strong>{item.label}</strong> ({item.annotation}): {item.reason}
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
