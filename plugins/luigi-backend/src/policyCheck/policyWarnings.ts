import { LuigiAdminWarning, LuigiAdminWarningId } from 'backstage-plugin-luigi-common';
import { ON_PURPOSE_CONFIG_KEY } from './policyCheckConfig';

/** Where the docs explain these warnings, how they are found and how to keep a policy on purpose. */
export const POLICY_WARNING_README = 'docs/access.md, section "When the policy lets everybody in"';

/**
 * The fix as the audit trail records it: short enough for one record's value (see `auditValue`).
 */
export const AUDITED_FIX: Readonly<Record<LuigiAdminWarningId, string>> = {
  'allow-all-module':
    'Remove the allow-all-policy module, install a policy granting luigi.micro-frontend.open to groups, ' +
    'or set luigi.access.policyAllowsEveryoneOnPurpose',
  'unconditional-allow-without-group':
    'Grant luigi.micro-frontend.open to groups or owners, not to every user, ' +
    'or set luigi.access.policyAllowsEveryoneOnPurpose',
};

const KEEP_ON_PURPOSE = `To keep it on purpose (a portal where everybody may open everything), set ${ON_PURPOSE_CONFIG_KEY}: true.`;

/**
 * The warning for a backend running the permission backend's allow-all policy module: every user is
 * allowed every permission, so everybody opens every micro app and enters every tenant.
 */
export function allowAllModuleWarning(detectedAt: Date): LuigiAdminWarning {
  return {
    id: 'allow-all-module',
    title: 'Everybody may open every micro app: the allow-all permission policy is installed',
    message:
      'The permission backend runs the module allow-all-policy (@backstage/plugin-permission-backend-module-allow-all-policy, ' +
      "which create-app's backend installs). It allows every permission to every user: every signed-in user opens every " +
      'micro app, gets its token and enters every tenant.',
    fix:
      "Remove the backend.add line of @backstage/plugin-permission-backend-module-allow-all-policy from the backend and " +
      `install a policy that grants luigi.micro-frontend.open to the groups that need it (${POLICY_WARNING_README}). ` +
      'A policy of your own registered with the module id allow-all-policy is taken for it: give its module an id of its own. ' +
      KEEP_ON_PURPOSE,
    detectedAt: detectedAt.toISOString(),
  };
}

/**
 * The warning for a policy that allowed `user`, a user who belongs to no group, to open micro apps
 * unconditionally: it grants without regard to group or owner, so it lets every signed-in user in.
 */
export function unconditionalAllowWarning(user: string, detectedAt: Date): LuigiAdminWarning {
  return {
    id: 'unconditional-allow-without-group',
    title: 'Everybody may open every micro app: the policy lets in users who belong to no group',
    message:
      `The permission policy allowed ${user}, who belongs to no group, to open micro apps without any condition. ` +
      'A policy that allows regardless of group or owner (one that returns ALLOW for everyone, or a role granted to ' +
      'every user) lets every signed-in user open every micro app.',
    fix:
      'Grant luigi.micro-frontend.open to groups, or to owners with a catalog condition, not to every user ' +
      `(${POLICY_WARNING_README}). If you named this user in the policy on purpose, make them a member of a group. ` +
      KEEP_ON_PURPOSE,
    detectedAt: detectedAt.toISOString(),
  };
}
