import { EmptyState } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { DeniedMicroApp } from '../../access/applyAccess';
import { requestAccessUrl } from '../../access/requestAccessUrl';

/** Props of {@link AccessDeniedPanel}. */
export interface AccessDeniedPanelProps {
  app: DeniedMicroApp;
  userEntityRef: string;
  /** `luigi.access.requestAccessUrl`, a template. */
  requestAccessTemplate?: string;
}

/**
 * Shown instead of a micro app the user may not open: who owns it (a link to the owner's entity
 * page) and, where app-config has a request-access URL, the link to ask for access. No frame.
 */
export function AccessDeniedPanel({ app, userEntityRef, requestAccessTemplate }: AccessDeniedPanelProps) {
  const requestUrl = requestAccessUrl(requestAccessTemplate, { entityRef: app.entity.ref, userEntityRef });
  const description =
    app.reason === 'permission-framework-disabled'
      ? "The portal's administrators have not set up access to micro apps yet, so none opens."
      : 'Your access does not include this micro app.';
  return (
    <Box data-testid="luigi-access-denied">
      <EmptyState
        missing="info"
        title={`You may not open ${app.label}`}
        description={description}
        action={
          <Box>
            {app.entity.owner && (
              <Typography paragraph data-testid="luigi-access-owner">
                Owned by <EntityRefLink entityRef={app.entity.owner} />: ask them for access.
              </Typography>
            )}
            {requestUrl && (
              <Button
                variant="contained"
                color="primary"
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
