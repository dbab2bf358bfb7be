import { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { FrameLimits, normalizeFrameLimits } from 'backstage-plugin-luigi-common';

/**
 * `luigi.frames.allow` and `luigi.frames.sandbox`, read the way the frontend reads them: what
 * entities may ask for their frames. Entries that can never be granted are ignored with a warning.
 */
export function readFrameLimits(config: RootConfigService, logger: LoggerService): FrameLimits {
  const { limits, invalid } = normalizeFrameLimits({
    allow: config.getOptionalStringArray('luigi.frames.allow'),
    sandbox: config.getOptionalStringArray('luigi.frames.sandbox'),
  });
  for (const entry of invalid) {
    logger.warn(`luigi.frames entry "${entry}" can never be granted to micro apps and is ignored`);
  }
  return limits;
}
