import { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/**
 * How long micro app tokens live and how often their signing key changes, in milliseconds.
 * @public
 */
export interface TokenConfig {
  /** `luigi.tokens.lifetime`: from issue to expiry of one token. */
  lifetimeMs: number;
  /** `luigi.tokens.keyRotation`: how long one signing key signs before a new one replaces it. */
  keyRotationMs: number;
}

interface Bounds {
  defaultValue: HumanDuration;
  min: HumanDuration;
  max: HumanDuration;
}

/**
 * Default and bounds of each setting. A token is a bearer credential: it lives minutes, not hours,
 * and never so briefly that refreshing it is most of what a micro app does. One hour of signing per
 * key, like Backstage's own identity tokens, keeps few keys published.
 */
const LIFETIME: Bounds = { defaultValue: { minutes: 5 }, min: { seconds: 30 }, max: { hours: 1 } };
const KEY_ROTATION: Bounds = { defaultValue: { hours: 1 }, min: { minutes: 10 }, max: { days: 30 } };

function spell(duration: HumanDuration): string {
  return Object.entries(duration)
    .map(([unit, amount]) => `${amount} ${amount === 1 ? unit.replace(/s$/, '') : unit}`)
    .join(' ');
}

function readBoundedDuration(config: RootConfigService, key: string, bounds: Bounds): number {
  const value = config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : durationToMilliseconds(bounds.defaultValue);
  const min = durationToMilliseconds(bounds.min);
  const max = durationToMilliseconds(bounds.max);
  if (!(value >= min && value <= max)) {
    throw new Error(
      `${key} must be between ${spell(bounds.min)} and ${spell(bounds.max)}, got ${value / 1000} seconds`,
    );
  }
  return value;
}

/**
 * Reads `luigi.tokens.lifetime` (default 5 minutes, 30 seconds to 1 hour) and
 * `luigi.tokens.keyRotation` (default 1 hour, 10 minutes to 30 days). Each is a Backstage duration:
 * an object such as `{ minutes: 5 }`, or a string such as `5m` or `PT5M`. Throws, so the backend
 * refuses to start, on a value it cannot read or outside its bounds.
 * @public
 */
export function readTokenConfig(config: RootConfigService): TokenConfig {
  return {
    lifetimeMs: readBoundedDuration(config, 'luigi.tokens.lifetime', LIFETIME),
    keyRotationMs: readBoundedDuration(config, 'luigi.tokens.keyRotation', KEY_ROTATION),
  };
}
