import { RootConfigService } from '@backstage/backend-plugin-api';

/**
 * How the plugin decides who may open a micro frontend:
 * - `permission-framework`: the app's permission policy decides, per entity (deny unless it allows);
 * - `open-to-every-signed-in-user`: the permission framework is off and app-config explicitly lets
 *   every signed-in user open every micro frontend (`luigi.access.openToEverySignedInUser`);
 * - `closed`: the permission framework is off and nothing says otherwise, so nobody opens any.
 * @public
 */
export type AccessMode = 'permission-framework' | 'open-to-every-signed-in-user' | 'closed';

/**
 * The access mode app-config gives. With `permission.enabled` false Backstage answers every
 * permission check with ALLOW, so the plugin must not ask it then: deny by default is its own rule.
 * @public
 */
export function readAccessMode(config: RootConfigService): AccessMode {
  if (config.getOptionalBoolean('permission.enabled') === true) return 'permission-framework';
  if (config.getOptionalBoolean('luigi.access.openToEverySignedInUser') === true) {
    return 'open-to-every-signed-in-user';
  }
  return 'closed';
}
