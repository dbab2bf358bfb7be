/**
 * The route that answers the plugin's admin warnings, under the luigi backend's base URL
 * (`/api/luigi/admin/warnings`): `GET`, with the user's credentials.
 * @public
 */
export const LUIGI_ADMIN_WARNINGS_PATH = '/admin/warnings';

/**
 * What an admin warning is about: the permission backend's allow-all policy module is installed
 * (`allow-all-module`), or the policy allowed a user who belongs to no group to open micro apps
 * unconditionally (`unconditional-allow-without-group`). Either way everybody may open every micro
 * app. Also the `signal` of the `policy-open-to-everyone` audit event.
 * @public
 */
export type LuigiAdminWarningId = 'allow-all-module' | 'unconditional-allow-without-group';

/**
 * One warning for the portal's admins, as the backend words it.
 * @public
 */
export interface LuigiAdminWarning {
  id: LuigiAdminWarningId;
  /** One line: what is wrong. */
  title: string;
  /** What was found, and what it means. */
  message: string;
  /** What to do about it, including how to keep it on purpose. */
  fix: string;
  /** When this replica last found it, ISO 8601. */
  detectedAt: string;
}

/**
 * The answer of {@link LUIGI_ADMIN_WARNINGS_PATH}: the current warnings for a user the policy allows
 * `luigi.admin.read`, none for anybody else (and none while nothing is wrong).
 * @public
 */
export interface LuigiAdminWarnings {
  warnings: LuigiAdminWarning[];
}

const WARNING_IDS: ReadonlySet<string> = new Set<LuigiAdminWarningId>(['allow-all-module', 'unconditional-allow-without-group']);
/** The longest text of a warning the frontend shows: the backend's are far shorter. */
const MAX_WARNING_TEXT = 2_000;
/** The most warnings the frontend shows. */
const MAX_WARNINGS = 10;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_WARNING_TEXT;

/**
 * Reads an admin warnings response, refusing (with an Error) anything that is not one. Warnings of
 * an id this version does not know are dropped, so an older frontend shows what it understands.
 * @public
 */
export function parseAdminWarnings(value: unknown): LuigiAdminWarnings {
  const warnings = (value as Record<string, unknown> | null)?.warnings;
  if (!Array.isArray(warnings)) throw new Error('The luigi backend answered the admin warnings request with something else');
  const known = warnings.filter(
    (w): w is LuigiAdminWarning =>
      WARNING_IDS.has(w?.id) && isText(w.title) && isText(w.message) && isText(w.fix) && isText(w.detectedAt),
  );
  return {
    warnings: known
      .slice(0, MAX_WARNINGS)
      .map(({ id, title, message, fix, detectedAt }) => ({ id, title, message, fix, detectedAt })),
  };
}
