import { tokenFailure } from '../../access/tokenFailure';
import { MicroAppTokenProblem } from '../../hooks/useLuigiSession';
import { shownText } from '../FailurePanel/shownText';

/** Longest app title in the panel's title, in characters. */
const MAX_TITLE = 80;

/** What the panel says about a micro app the luigi backend gave no token. */
export interface AppTokenProblemText {
  title: string;
  message: string;
  /** The backend's reason, when it gave one. Render as text. */
  reason?: string;
  /** Whether a retry can help: not after a refusal (403, 404, 400), which only a change undoes. */
  retry: boolean;
}

/**
 * How the page explains a micro app's missing token: named by its title (its entity ref when the
 * title is not known), with the backend's reason, and what must change when retrying cannot help. Pure.
 * @param appTitle - the title of the problem's entity, as its micro app is listed
 */
export function appTokenProblemText(problem: MicroAppTokenProblem, appTitle?: string): AppTokenProblemText {
  const { entityRef } = problem;
  const failure = tokenFailure(problem.error);
  const title =
    appTitle === undefined
      ? `The micro app of ${entityRef} received no token`
      : `The micro app "${shownText(appTitle, MAX_TITLE)}" received no token`;
  const reason = failure.reason;
  if (!failure.permanent) {
    return {
      title,
      message:
        "The portal could not get a token for it, so it cannot call its services on your behalf. Retry in a moment; if it keeps failing, tell the portal's administrators.",
      reason,
      retry: true,
    };
  }
  const which = reason === undefined ? '' : ', as the reason says';
  const message =
    failure.statusCode === 404
      ? `The luigi backend finds no entity ${entityRef} you may read, so it issues the app no token and the app cannot call its services on your behalf. Retrying will not change that: the entity's owner must check its registration in the catalog, or a portal administrator your access to it.`
      : `The luigi backend refuses to issue it a token, so it cannot call its services on your behalf. Retrying will not change that: the owner of ${entityRef} must fix its registration in the catalog, or a portal administrator the portal's configuration or your access${which}.`;
  return { title, message, reason, retry: false };
}
