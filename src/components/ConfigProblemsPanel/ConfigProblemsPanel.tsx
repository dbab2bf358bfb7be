import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/** One refused entry: what it is (`label`), where it was declared (`source`), and why. */
export interface ConfigProblem {
  label: string;
  source: string;
  reason: string;
}

/** Props of {@link ConfigProblemsPanel}. */
export interface ConfigProblemsPanelProps {
  problems: readonly ConfigProblem[];
  /** `luigi.allowedOrigins` entries that are not origins. */
  invalidOrigins: readonly string[];
  /** What was refused, singular, e.g. "micro app". */
  noun: string;
  /** What the user should know about the rest, e.g. "the other micro apps work as usual". */
  message: string;
}

/**
 * Diagnostics for admins and micro-app authors: which entries were refused and why, and which
 * allowlist entries are ignored. Renders nothing when all is well. Entity text is rendered as text.
 */
export function ConfigProblemsPanel({ problems, invalidOrigins, noun, message }: ConfigProblemsPanelProps) {
  const count = problems.length + invalidOrigins.length;
  if (count === 0) return null;
  return (
    <div data-testid="luigi-diagnostics" style={{ marginBottom: 16 }}>
      <WarningPanel
        severity="warning"
        title={`${count} ${noun} configuration problem${count === 1 ? '' : 's'}`}
        message={message}
      >
        <ul style={{ margin: 0 }}>
          {problems.map((problem, index) => (
            <li key={`${problem.source}:${index}`} data-testid="luigi-rejected">
              <Typography variant="body2" component="span">
                <strong>{problem.label}</strong> ({problem.source}): {problem.reason}
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
