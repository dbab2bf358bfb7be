import { RootConfigService } from '@backstage/backend-plugin-api';
import { ClientPermissionLimits, normalizeClientPermissionLimits } from 'backstage-plugin-luigi-common';

/**
 * `luigi.clientPermissions`, read the way the frontend reads it: which Luigi client permissions
 * entities may grant their micro apps in `luigi-project.io/node-settings`. Absent grants none.
 */
export function readClientPermissionLimits(config: RootConfigService): ClientPermissionLimits {
  return normalizeClientPermissionLimits({
    urlParameters: config.getOptionalStringArray('luigi.clientPermissions.urlParameters'),
    changeCurrentLocale: config.getOptionalBoolean('luigi.clientPermissions.changeCurrentLocale'),
  });
}
