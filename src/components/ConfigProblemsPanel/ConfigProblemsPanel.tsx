import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { shownText } from '../FailurePanel/shownText';

/**
 * One refused entry: what it is (`label`), where it was declared (`source`), and why; with `view`,
 * only that view of it is refused.
 */
export interface ConfigProblem {
  label: string;
  source: string;
  /** The label of the one refused view of `label` (an entity whose other views are shown). */
  view?: string;
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

/** Longest entity text shown for one problem, in characters: a 20 000-character title is cut. */
const MAX_SHOWN = 200;

/**
 * Longest reason shown, in characters: the plugin's own words around entity text it already cut
 * (to 80 characters), so a reason is whole, and still bounded.
 */
const MAX_REASON = 400;

/** Text as the panel shows it (see `shownText`): cut to {@link MAX_SHOWN} characters unless told otherwise. */
const shown = (text: string, max = MAX_SHOWN) => shownText(text, max);

/**
 * Diagnostics for admins and micro-app authors: which entries were refused and why, and which
 * allowlist entries are ignored. Renders nothing when all is well. Entity text is rendered as text,
 * cut to a readable length, wrapped anywhere (a long word never widens the page) and isolated
 * (`bdi`), so a right-to-left override in a title cannot reorder the reason beside it.
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
        <ul style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
          {problems.map((problem, index) => (
            <li key={`${problem.source}:${index}`} data-testid="luigi-rejected">
              <Typography variant="body2" component="span">
                <strong>
                  <bdi>{shown(problem.label)}</bdi>
                </strong>{' '}
                (<bdi>{shown(problem.source)}</bdi>)
                {problem.view !== undefined && (
                  <>
                    , view "<bdi>{shown(problem.view)}</bdi>"
                  </>
                )}
                : <bdi>{shown(problem.reason, MAX_REASON)}</bdi>
              </Typography>
            </li>
          ))}
          {invalidOrigins.map(entry => (
            <li key={entry}>
              <Typography variant="body2" component="span">
                luigi.allowedOrigins entry "<bdi>{shown(entry)}</bdi>" is not an origin (scheme://host[:port]) and is ignored
              </Typography>
            </li>
          ))}
        </ul>
      </WarningPanel>
    </div>
  );
}
