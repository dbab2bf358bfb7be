import { RootConfigService } from '@backstage/backend-plugin-api';
import { LuigiAccessMode } from 'backstage-plugin-luigi-common';

/**
 * How the plugin decides who may open a micro frontend (see the common package).
 * @public
 */
export type AccessMode = LuigiAccessMode;

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
