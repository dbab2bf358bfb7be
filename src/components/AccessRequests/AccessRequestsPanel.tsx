import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { durationText, LuigiAccessGrant, LuigiAccessRequest } from 'backstage-plugin-luigi-common';
import { useState } from 'react';
import { useAccessRequestInbox } from '../../hooks/useAccessRequestInbox';

const when = (millis: number) => new Date(millis).toLocaleString();

/** One pending request: who asks for what, for how long and why, and the owner's answer. */
function PendingRequest(props: { request: LuigiAccessRequest; busy: boolean; decide: (approve: boolean, note: string) => void }) {
  const { request, busy, decide } = props;
  const [note, setNote] = useState('');
  return (
    <Box data-testid="luigi-access-request-item" mb={2}>
      <Typography variant="body2">
        <EntityRefLink entityRef={request.userEntityRef} /> asks for <EntityRefLink entityRef={request.entityRef} /> for{' '}
        {durationText(request.durationMinutes)} (asked {when(request.createdAt)})
      </Typography>
      {request.reason && (
        <Typography variant="body2" color="textSecondary" data-testid="luigi-access-request-item-reason">
          “{request.reason}”
        </Typography>
      )}
      <TextField
        label="Note to the requester (optional)"
        value={note}
        onChange={event => setNote(event.target.value)}
        inputProps={{ maxLength: 500, 'data-testid': 'luigi-access-request-note' }}
        margin="dense"
        fullWidth
      />
      <Button color="primary" variant="contained" disabled={busy} onClick={() => decide(true, note)} data-testid="luigi-access-request-approve">
        Approve
      </Button>{' '}
      <Button disabled={busy} onClick={() => decide(false, note)} data-testid="luigi-access-request-deny">
        Deny
      </Button>
    </Box>
  );
}

/** One active grant, with the button that ends it. */
function ActiveGrant({ grant, busy, revoke }: { grant: LuigiAccessGrant; busy: boolean; revoke: () => void }) {
  return (
    <Box data-testid="luigi-access-grant-item" mb={1}>
      <Typography variant="body2" component="span">
        <EntityRefLink entityRef={grant.userEntityRef} /> opens <EntityRefLink entityRef={grant.entityRef} /> until {when(grant.expiresAt)}{' '}
        (granted by {grant.grantedBy}){' '}
      </Typography>
      <Button size="small" disabled={busy} onClick={revoke} data-testid="luigi-access-grant-revoke">
        End now
      </Button>
    </Box>
  );
}

/**
 * On the micro apps page, for the owners of micro apps and for admins: the access requests that wait
 * for their decision, and the grants they may end early. Nothing when nothing waits.
 */
export function AccessRequestsPanel() {
  const { inbox, error, busy, decide, revoke } = useAccessRequestInbox();
  if (!inbox || (inbox.requests.length === 0 && inbox.grants.length === 0)) return null;
  const count = inbox.requests.length;
  return (
    <Box mb={2} data-testid="luigi-access-requests">
      <InfoCard title={count === 1 ? '1 access request waits for you' : `${count} access requests wait for you`}>
        {error && (
          <Typography paragraph color="error" data-testid="luigi-access-requests-error">
            {error.message}
          </Typography>
        )}
        {inbox.requests.map(request => (
          <PendingRequest key={request.id} request={request} busy={busy === request.id} decide={(approve, note) => decide(request.id, approve, note)} />
        ))}
        {inbox.grants.length > 0 && (
          <Box mt={2}>
            <Typography variant="subtitle2">Access granted by request</Typography>
            {inbox.grants.map(grant => (
              <ActiveGrant key={grant.id} grant={grant} busy={busy === grant.id} revoke={() => revoke(grant.id)} />
            ))}
          </Box>
        )}
      </InfoCard>
    </Box>
  );
}
