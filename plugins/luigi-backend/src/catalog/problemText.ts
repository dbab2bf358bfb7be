import {
  LUIGI_CONTENT_CONFIGURATION_ANNOTATION,
  LUIGI_NODE_SETTINGS_ANNOTATION,
  LUIGI_TOKEN_AUDIENCE_ANNOTATION,
  LUIGI_VIEWS_ANNOTATION,
  LUIGI_VIEW_URL_ANNOTATION,
  RegistrationProblem,
} from 'backstage-plugin-luigi-common';

/**
 * Which of an entity's views the frontend still shows beside its problems: it decides whether a
 * problem hides the whole micro frontend or one view of it.
 */
export interface ShownViews {
  /** Whether the `luigi-project.io/view-url` view is shown. */
  main: boolean;
  /** How many entries of `luigi-project.io/views` are shown. */
  views: number;
}

/** Nothing of the entity is shown (or nothing is known about what is). */
export const NOTHING_SHOWN: ShownViews = { main: false, views: 0 };

/**
 * What a problem in an annotation takes away: the token only (`token`), the `view-url` view and what
 * configures it (`main`), one entry of `views` (`view`), or the entity's whole micro frontend
 * (`entity`: frame requests, the tenant, and any annotation not named here).
 */
type ProblemScope = 'token' | 'main' | 'view' | 'entity';

function scopeOf(annotation: string): ProblemScope {
  switch (annotation) {
    case LUIGI_TOKEN_AUDIENCE_ANNOTATION:
      return 'token';
    case LUIGI_VIEW_URL_ANNOTATION:
    case LUIGI_NODE_SETTINGS_ANNOTATION:
    case LUIGI_CONTENT_CONFIGURATION_ANNOTATION:
      return 'main';
    case LUIGI_VIEWS_ANNOTATION:
      return 'view';
    default:
      return 'entity';
  }
}

/** Whether a problem in this annotation hides every view of the entity. */
export function hidesEveryView(problem: RegistrationProblem): boolean {
  return scopeOf(problem.annotation) === 'entity';
}

/** Whether a problem in this annotation hides the `view-url` view. */
export function hidesMainView(problem: RegistrationProblem): boolean {
  const scope = scopeOf(problem.annotation);
  return scope === 'main' || scope === 'entity';
}

const STILL_SHOWN = '; its other views are still shown';

/**
 * Why the plugin refuses part of a registration, in one line an owner can act on, saying what is not
 * shown: the whole micro frontend (`Micro frontend not shown: …`), only its `view-url` view while
 * entries of `views` still show (`Main view not shown: …`), one entry of `views`
 * (`View "Settings" not shown: …`), or, for the token audience, only the token
 * (`Micro frontend gets no token: …`). When other views still show, it says so. Entity text stays text.
 * @param shown - what of the entity is shown beside the problem
 */
export function describeProblemBeside(problem: RegistrationProblem, shown: ShownViews): string {
  const { annotation, label, reason } = problem;
  const detail = `${annotation}: ${reason}`;
  switch (scopeOf(annotation)) {
    case 'token':
      return `Micro frontend gets no token: ${detail}`;
    case 'main':
      return shown.views > 0 ? `Main view not shown: ${detail}${STILL_SHOWN}` : `Micro frontend not shown: ${detail}`;
    case 'view': {
      const view = label === undefined ? 'A view' : `View "${label}"`;
      return `${view} not shown: ${detail}${shown.main || shown.views > 0 ? STILL_SHOWN : ''}`;
    }
    default:
      return `Micro frontend not shown: ${detail}`;
  }
}

/**
 * {@link describeProblemBeside} when nothing else of the entity is known to show (the token route,
 * refusing an entity without a valid view).
 */
export function describeProblem(problem: RegistrationProblem): string {
  return describeProblemBeside(problem, NOTHING_SHOWN);
}
