import { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { normalizeAllowedOrigins } from 'backstage-plugin-luigi-common';

/**
 * `luigi.allowedOrigins` as origins, read the way the frontend reads it. Entries that are not origins
 * are ignored with a warning; an empty list refuses every registration (deny by default), which is
 * said once at startup.
 */
export function readAllowedOrigins(config: RootConfigService, logger: LoggerService): Set<string> {
  const entries = config.getOptionalStringArray('luigi.allowedOrigins') ?? [];
  const { origins, invalid } = normalizeAllowedOrigins(entries);
  for (const entry of invalid) {
    logger.warn(`luigi.allowedOrigins entry "${entry}" is not an origin (scheme://host[:port]) and is ignored`);
  }
  if (origins.size === 0) {
    logger.warn('luigi.allowedOrigins is empty: every micro frontend registration is refused');
  }
  return origins;
}
