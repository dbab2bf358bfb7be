import {
  checkViewUrl,
  LUIGI_VIEWS_ANNOTATION,
  LUIGI_VIEW_URL_ANNOTATION,
  parseViewsAnnotation,
  RegistrationProblem,
} from 'backstage-plugin-luigi-common';
import { hidesEveryView, hidesMainView, NOTHING_SHOWN, ShownViews } from './problemText';

/**
 * Which of an entity's views the frontend shows, given all of the entity's registration problems: none
 * when one of them hides the whole micro frontend (frame requests, tenant); else the `view-url` view
 * unless a problem hides it, and the entries of `views` whose URL passes, as the page checks them.
 */
export function shownViews(
  annotations: Readonly<Record<string, string>> | undefined,
  problems: readonly RegistrationProblem[],
  allowedOrigins: ReadonlySet<string>,
): ShownViews {
  // Only a broken catalog hands anything but a map; there is then nothing to show.
  if (!annotations || typeof annotations !== 'object') return NOTHING_SHOWN;
  if (problems.some(hidesEveryView)) return NOTHING_SHOWN;
  const main = LUIGI_VIEW_URL_ANNOTATION in annotations && !problems.some(hidesMainView);
  const { entries } = parseViewsAnnotation(annotations[LUIGI_VIEWS_ANNOTATION]);
  const views = entries.filter(entry => checkViewUrl(entry.url, allowedOrigins).ok).length;
  return { main, views };
}
