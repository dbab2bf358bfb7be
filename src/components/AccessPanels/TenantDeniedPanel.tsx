import { Link, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { LuigiTenant } from 'backstage-plugin-luigi-common';

/** Props of {@link TenantDeniedPanel}. */
export interface TenantDeniedPanelProps {
  /** The tenant the URL names; undefined when none is named and the user may enter none. */
  tenantId?: string;
  /** The tenants the user may enter, each offered as a link. */
  enterable: readonly LuigiTenant[];
  /** The link to the page in a tenant. */
  linkTo(tenantId: string): string;
}

/**
 * Shown instead of a tenant's micro apps when the user may not enter it: no app of it, no Luigi view.
 * The tenant id comes from the URL, so it is rendered as text.
 */
export function TenantDeniedPanel({ tenantId, enterable, linkTo }: TenantDeniedPanelProps) {
  const title = tenantId === undefined ? 'You may not enter any tenant' : 'You may not enter this tenant';
  const message =
    tenantId === undefined
      ? "Micro apps are organised in tenants here, and your access includes none of them. Ask the portal's administrators for access."
      : `Your access does not include the tenant "${tenantId}", so none of its micro apps is shown. It may also not exist.`;
  return (
    <Box mb={2} data-testid="luigi-tenant-denied">
      <WarningPanel severity="warning" title={title} message={message} defaultExpanded>
        {enterable.length > 0 && (
          <Typography component="div">
            Tenants you may enter:{' '}
            {enterable.map((tenant, index) => (
              <span key={tenant.id}>
                {index > 0 && ', '}
                <Link to={linkTo(tenant.id)} data-testid={`luigi-tenant-link-${tenant.id}`}>
                  {tenant.title}
                </Link>
              </span>
            ))}
          </Typography>
        )}
      </WarningPanel>
    </Box>
  );
}
