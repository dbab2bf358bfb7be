import { durationText, LuigiAccessRequest } from 'backstage-plugin-luigi-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useAccessRequest } from '../../hooks/useAccessRequest';

const when = (millis: number) => new Date(millis).toLocaleString();

/** Where the latest request stands, in a sentence (texts from the backend rendered as text). */
function RequestState({ request }: { request: LuigiAccessRequest }) {
  if (request.state === 'pending') {
    return (
      <Typography paragraph variant="body2" data-testid="luigi-access-request-pending">
        You asked for access for {durationText(request.durationMinutes)} on {when(request.createdAt)}. The owners have been told; this
        page shows their answer.
      </Typography>
    );
  }
  if (request.state === 'approved' && request.grant) {
    const ended = request.grant.revokedAt ?? (request.grant.expiresAt <= Date.now() ? request.grant.expiresAt : undefined);
    return (
      <Typography paragraph variant="body2" data-testid="luigi-access-request-approved">
        {ended
          ? `Your access granted by ${request.decidedBy} ended on ${when(ended)}.`
          : `Approved by ${request.decidedBy} until ${when(request.grant.expiresAt)}. Reload the page to open the micro app.`}
      </Typography>
    );
  }
  return (
    <Typography paragraph variant="body2" data-testid="luigi-access-request-denied">
      {`Denied by ${request.decidedBy}${request.decisionNote ? `: ${request.decisionNote}` : '.'}`}
    </Typography>
  );
}

/**
 * On the access-denied panel: where the user's request for this micro app stands, and a form to ask
 * its owners for access (a duration the portal offers, a reason) when none is pending. Nothing when
 * the portal takes no requests.
 */
export function AccessRequestSection({ entityRef }: { entityRef: string }) {
  const { status, error, ask, asking } = useAccessRequest(entityRef);
  const [duration, setDuration] = useState<number>();
  const [reason, setReason] = useState('');
  if (!status?.enabled && !error) return null;
  const request = status?.request ?? undefined;
  const grantActive = request?.grant && !request.grant.revokedAt && request.grant.expiresAt > Date.now();
  const canAsk = status?.enabled && request?.state !== 'pending' && !grantActive;
  const chosen = duration ?? status?.durationsMinutes[0];
  return (
    <Box data-testid="luigi-access-request" mt={2} maxWidth={480}>
      {request && <RequestState request={request} />}
      {error && (
        <Typography paragraph variant="body2" color="error" data-testid="luigi-access-request-error">
          {error.message}
        </Typography>
      )}
      {canAsk && chosen !== undefined && (
        <Box component="form" mt={2} onSubmit={event => { event.preventDefault(); void ask(chosen, reason); }}>
          <TextField
            select
            label="For"
            value={chosen}
            onChange={event => setDuration(Number(event.target.value))}
            inputProps={{ 'data-testid': 'luigi-access-request-duration' }}
            margin="dense"
          >
            {status!.durationsMinutes.map(hours => (
              <MenuItem key={hours} value={hours}>
                {durationText(hours)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="Why (optional)"
            value={reason}
            onChange={event => setReason(event.target.value)}
            inputProps={{ maxLength: 500, 'data-testid': 'luigi-access-request-reason' }}
            fullWidth
            margin="dense"
          />
          <Typography variant="caption" color="textSecondary" component="p">
            The owners decide; the request and their answer are recorded.
          </Typography>
          <Button type="submit" variant="contained" color="primary" disabled={asking} data-testid="luigi-access-request-ask">
            Ask for access
          </Button>
        </Box>
      )}
    </Box>
  );
}
