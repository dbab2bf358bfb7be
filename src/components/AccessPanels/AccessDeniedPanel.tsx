import { EmptyState } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useEffect } from 'react';
import { DeniedMicroApp } from '../../access/applyAccess';
import { denialSentence } from '../../access/denialText';
import { requestAccessUrl } from '../../access/requestAccessUrl';
import { deniedShownEvent } from '../../analytics/luigiEvents';
import { useLuigiAnalytics } from '../../hooks/useLuigiAnalytics';
import { AccessRequestSection } from '../AccessRequests/AccessRequestSection';

/** Props of {@link AccessDeniedPanel}. */
export interface AccessDeniedPanelProps {
  app: DeniedMicroApp;
  userEntityRef: string;
  /** `luigi.access.requestAccessUrl`, a template. */
  requestAccessTemplate?: string;
  /** The tenant shown, for analytics; undefined without tenants. */
  tenantId?: string;
}

/**
 * Shown instead of a micro app the user may not open: why, who owns it (a link to the owner's entity
 * page), for a denial by the policy the request to its owners in the portal (where the backend takes
 * access requests) and, where app-config has a request-access URL, the link to ask elsewhere. No frame.
 */
export function AccessDeniedPanel({ app, userEntityRef, requestAccessTemplate, tenantId }: AccessDeniedPanelProps) {
  const requestUrl = requestAccessUrl(requestAccessTemplate, { entityRef: app.entity.ref, userEntityRef });
  const capture = useLuigiAnalytics();
  const { reason } = app;
  const entityRef = app.entity.ref;
  // Once per app and reason shown, not per render.
  useEffect(() => capture(deniedShownEvent(entityRef, reason, tenantId)), [capture, entityRef, reason, tenantId]);
  return (
    <Box data-testid="luigi-access-denied">
      <EmptyState
        missing="info"
        title={`You may not open ${app.label}`}
        description={denialSentence(reason)}
        action={
          <Box>
            {app.entity.owner && (
              <Typography paragraph data-testid="luigi-access-owner">
                Owned by <EntityRefLink entityRef={app.entity.owner} />: ask them for access.
              </Typography>
            )}
            {reason === 'policy' && <AccessRequestSection entityRef={entityRef} />}
            {requestUrl && (
              // Beside the portal's own request form it is the second way to ask, and looks it.
              <Button
                variant={reason === 'policy' ? 'outlined' : 'contained'}
                color="primary"
                style={{ marginTop: 8 }}
                href={requestUrl}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="luigi-request-access"
              >
                Request access
              </Button>
            )}
          </Box>
        }
      />
    </Box>
  );
}
