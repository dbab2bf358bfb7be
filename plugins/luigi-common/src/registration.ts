import { LUIGI_VIEWS_ANNOTATION, LUIGI_VIEW_URL_ANNOTATION } from './annotations';
import { plainText, printable } from './displayText';
import { ClientPermissionLimits } from './nodeSettings';
import { readNodeSettings } from './registeredNodeSettings';
import { parseViewsAnnotation } from './viewsAnnotation';
import { checkViewUrl } from './viewUrl';

/**
 * Why one micro frontend an entity declares cannot be shown.
 * @public
 */
export interface RegistrationProblem {
  /** The annotation the problem is in. */
  annotation: string;
  /**
   * The view's label, when the problem is with one entry of `luigi-project.io/views`. Plain text, on
   * one line: control and invisible characters replaced by U+FFFD, at most 80 characters.
   */
  label?: string;
  /**
   * Human readable reason, e.g. `origin https://x.example is not in luigi.allowedOrigins`; entity text
   * it quotes is cut and made printable as the label is.
   */
  reason: string;
}

/**
 * Checks the `luigi-project.io/*` annotations of an entity with the rules the frontend applies when
 * it builds navigation (same checks, same reasons): the view URL, every entry of the views
 * annotation and the node settings (with the admin's client permission limits, default none). What
 * an entity claims (token audience, tenant) is checked by `checkRegistrantClaims`. Entities without
 * the annotations have no problems. Entity text in a problem is made fit for a one-line message
 * (the catalog module's status items), so a bidi override in a label cannot reorder the reason.
 * @public
 */
export function checkRegistration(
  annotations: Readonly<Record<string, string>> | undefined,
  allowedOrigins: ReadonlySet<string>,
  clientPermissions?: ClientPermissionLimits,
): RegistrationProblem[] {
  const problems: RegistrationProblem[] = [];
  // Only a broken catalog hands anything but a map; there is then no registration to read.
  if (!annotations || typeof annotations !== 'object') return problems;
  let viewUrl: string | undefined;
  if (LUIGI_VIEW_URL_ANNOTATION in annotations) {
    const check = checkViewUrl(annotations[LUIGI_VIEW_URL_ANNOTATION], allowedOrigins);
    if (!check.ok) problems.push({ annotation: LUIGI_VIEW_URL_ANNOTATION, reason: check.reason });
    else viewUrl = check.url;
  }
  const settings = readNodeSettings(annotations, { allowedOrigins, clientPermissions, viewUrl });
  if (settings && !settings.check.ok) problems.push({ annotation: settings.annotation, reason: settings.check.reason });
  const { entries, errors } = parseViewsAnnotation(annotations[LUIGI_VIEWS_ANNOTATION]);
  for (const error of errors) {
    problems.push({ annotation: LUIGI_VIEWS_ANNOTATION, label: plainText(error.text), reason: printable(error.reason) });
  }
  for (const entry of entries) {
    const check = checkViewUrl(entry.url, allowedOrigins);
    if (!check.ok) problems.push({ annotation: LUIGI_VIEWS_ANNOTATION, label: plainText(entry.label), reason: check.reason });
  }
  return problems;
}

/**
 * Whether an entity declares at least one micro frontend the frontend shows: a
 * `luigi-project.io/view-url` whose URL passes {@link checkViewUrl} and whose
 * node settings, if any (`luigi-project.io/node-settings` or `…/content-configuration`), pass {@link readNodeSettings} (refused settings hide
 * that view, as the page and the entity tab do), or an entry of `luigi-project.io/views` whose URL
 * passes. One good view is enough, even beside bad ones, since the frontend shows the good one.
 * @param clientPermissions - `luigi.clientPermissions`, the admin's limits; default none, so
 *   settings that grant any client permission are refused
 * @public
 */
export function hasValidView(
  annotations: Readonly<Record<string, string>> | undefined,
  allowedOrigins: ReadonlySet<string>,
  clientPermissions?: ClientPermissionLimits,
): boolean {
  if (!annotations || typeof annotations !== 'object') return false;
  if (LUIGI_VIEW_URL_ANNOTATION in annotations) {
    const view = checkViewUrl(annotations[LUIGI_VIEW_URL_ANNOTATION], allowedOrigins);
    if (view.ok && readNodeSettings(annotations, { allowedOrigins, clientPermissions, viewUrl: view.url })?.check.ok !== false) {
      return true;
    }
  }
  const { entries } = parseViewsAnnotation(annotations[LUIGI_VIEWS_ANNOTATION]);
  return entries.some(entry => checkViewUrl(entry.url, allowedOrigins).ok);
}
