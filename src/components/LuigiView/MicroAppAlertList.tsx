import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import ReportProblemOutlinedIcon from '@material-ui/icons/ReportProblemOutlined';
import type { MicroAppAlert } from '../../engine/microAppAlerts';

const ICONS = {
  info: InfoOutlinedIcon,
  success: CheckCircleOutlineIcon,
  warning: ReportProblemOutlinedIcon,
  error: ErrorOutlineIcon,
};

// The theme's status colours, as Backstage's own alerts (AlertDisplay) use them, light or dark.
const useStyles = makeStyles(theme => ({
  alert: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1, 0.5, 2),
    marginBottom: theme.spacing(1),
  },
  info: { backgroundColor: theme.palette.info.main, color: theme.palette.info.contrastText },
  success: { backgroundColor: theme.palette.success.main, color: theme.palette.success.contrastText },
  warning: { backgroundColor: theme.palette.warning.main, color: theme.palette.warning.contrastText },
  error: { backgroundColor: theme.palette.error.main, color: theme.palette.error.contrastText },
  text: { flex: 1, overflowWrap: 'anywhere' },
}));

/**
 * The alerts of the micro app shown, above its frame (never over its buttons), in the theme's
 * colours. The text is the micro app's, rendered as text.
 */
export function MicroAppAlertList({ alerts, onDismiss }: { alerts: readonly MicroAppAlert[]; onDismiss(id: string): void }) {
  const classes = useStyles();
  if (alerts.length === 0) return null;
  return (
    <Box role="status" aria-live="polite" data-testid="luigi-alerts">
      {alerts.map(alert => {
        const Icon = ICONS[alert.type];
        return (
          <Paper
            key={alert.id}
            elevation={2}
            className={`${classes.alert} ${classes[alert.type]}`}
            data-testid="luigi-alert"
            data-type={alert.type}
            data-entity={alert.entityRef ?? ''}
          >
            <Icon fontSize="small" />
            <Typography variant="body2" className={classes.text}>
              {alert.text}
            </Typography>
            <IconButton size="small" color="inherit" aria-label="Dismiss" onClick={() => onDismiss(alert.id)}>
              <CloseIcon fontSize="small" />
            </IconButton>
          </Paper>
        );
      })}
    </Box>
  );
}
