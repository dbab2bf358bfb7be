import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { DEFAULT_REFRESH_SETTINGS, RefreshSettings } from '../auth/refreshSchedule';
import { normalizeAllowedOrigins } from 'backstage-plugin-luigi-common';

/** Default for `luigi.loadTimeoutMs`. */
export const DEFAULT_LOAD_TIMEOUT_MS = 15000;

/** The plugin's app-config, read and normalised once per config. */
export interface LuigiSettings {
  allowedOrigins: ReadonlySet<string>;
  /** Allowlist entries that are not origins; shown to admins instead of being ignored silently. */
  invalidOrigins: string[];
  loadTimeoutMs: number;
  /** Token refresh schedule (`luigi.tokenRefresh.*`). */
  refresh: RefreshSettings;
  /** `luigi.access.requestAccessUrl`: where a denied user asks for access, a template. */
  requestAccessUrl?: string;
}

/** Reads `luigi.*` from app-config. */
export function useLuigiSettings(): LuigiSettings {
  const config = useApi(configApiRef);
  const entries = config.getOptionalStringArray('luigi.allowedOrigins') ?? [];
  const loadTimeoutMs = config.getOptionalNumber('luigi.loadTimeoutMs') ?? DEFAULT_LOAD_TIMEOUT_MS;
  const marginSeconds = config.getOptionalNumber('luigi.tokenRefresh.marginSeconds');
  const requestAccessUrl = config.getOptionalString('luigi.access.requestAccessUrl');
  const key = entries.join('\n');
  return useMemo(() => {
    const { origins, invalid } = normalizeAllowedOrigins(key ? key.split('\n') : []);
    const refresh = {
      ...DEFAULT_REFRESH_SETTINGS,
      ...(marginSeconds !== undefined ? { marginMs: marginSeconds * 1000 } : {}),
    };
    return { allowedOrigins: origins, invalidOrigins: invalid, loadTimeoutMs, refresh, requestAccessUrl };
  }, [key, loadTimeoutMs, marginSeconds, requestAccessUrl]);
}
