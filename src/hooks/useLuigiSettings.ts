import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { DEFAULT_REFRESH_SETTINGS, RefreshSettings } from '../auth/refreshSchedule';
import {
  DEFAULT_FRAME_REFERRER_POLICY,
  FRAME_REFERRER_POLICIES,
  ClientPermissionLimits,
  FrameLimits,
  normalizeAllowedOrigins,
  normalizeClientPermissionLimits,
  normalizeFrameLimits,
  normalizeTokenAudiences,
  RegistrantClaimRules,
} from 'backstage-plugin-luigi-common';
import { readTenantOrigins, TenantOrigins, TenantOriginsEntry } from '../tenants/tenantOrigins';

/** Default for `luigi.loadTimeoutMs`. */
export const DEFAULT_LOAD_TIMEOUT_MS = 15000;

/** Default for `luigi.catalog.refreshSeconds`. */
export const DEFAULT_CATALOG_REFRESH_SECONDS = 60;

/** The plugin's app-config, read and normalised once per config. */
export interface LuigiSettings {
  allowedOrigins: ReadonlySet<string>;
  /** Allowlist entries that are not origins; shown to admins instead of being ignored silently. */
  invalidOrigins: string[];
  loadTimeoutMs: number;
  /** `luigi.frames`: the referrer policy of every frame, and what entities may ask for beyond it. */
  frames: FrameSettings;
  /** `luigi.clientPermissions`: which Luigi client permissions node settings may grant. */
  clientPermissions: ClientPermissionLimits;
  /** `luigi.catalog.refreshSeconds` in ms: how often a shown view reads the catalog again (0: never). */
  catalogRefreshMs: number;
  /** Token refresh schedule (`luigi.tokenRefresh.*`). */
  refresh: RefreshSettings;
  /** `luigi.access.requestAccessUrl`: where a denied user asks for access, a template. */
  requestAccessUrl?: string;
  /** `luigi.tokens.mode`: each micro app's own token from the backend, or the token source's. */
  tokenMode: LuigiTokenMode;
  /**
   * `luigi.tokens.issuedBy`: with `identity-provider`, each token request carries the token source's
   * token as the subject of the backend's token exchange.
   */
  tokenIssuer: LuigiTokenIssuer;
  /**
   * `luigi.tenants[].allowedOrigins`: the origins each tenant's micro apps may use, by tenant id (a
   * tenant without its own: the whole `allowedOrigins`). Empty without tenants.
   */
  tenantOrigins: TenantOrigins;
  /**
   * What config gives entities, against which their claims are checked: `luigi.tokens.audiences` and
   * the namespaces of `luigi.tenants`.
   */
  claimRules: RegistrantClaimRules;
}

/** How micro app frames are created (`luigi.frames.*`). */
export interface FrameSettings {
  referrerPolicy: string;
  limits: FrameLimits;
  /** Entries of `luigi.frames.allow` and `.sandbox` that can never be granted (ignored). */
  invalid: string[];
}

/** Which token micro apps receive (`luigi.tokens.mode`). */
export type LuigiTokenMode = 'per-micro-app' | 'token-source';

/** Who issues per-app tokens (`luigi.tokens.issuedBy`). */
export type LuigiTokenIssuer = 'luigi-backend' | 'identity-provider';

/** Reads `luigi.*` from app-config. */
export function useLuigiSettings(): LuigiSettings {
  const config = useApi(configApiRef);
  const entries = config.getOptionalStringArray('luigi.allowedOrigins') ?? [];
  const loadTimeoutMs = config.getOptionalNumber('luigi.loadTimeoutMs') ?? DEFAULT_LOAD_TIMEOUT_MS;
  const catalogRefreshSeconds =
    config.getOptionalNumber('luigi.catalog.refreshSeconds') ?? DEFAULT_CATALOG_REFRESH_SECONDS;
  const configuredPolicy = config.getOptionalString('luigi.frames.referrerPolicy');
  // An unknown policy falls back to the strictest, never to the browser's default.
  const referrerPolicy =
    configuredPolicy && FRAME_REFERRER_POLICIES.includes(configuredPolicy) ? configuredPolicy : DEFAULT_FRAME_REFERRER_POLICY;
  const frameAllow = (config.getOptionalStringArray('luigi.frames.allow') ?? []).join(' ');
  const frameSandbox = (config.getOptionalStringArray('luigi.frames.sandbox') ?? []).join(' ');
  const urlParameters = (config.getOptionalStringArray('luigi.clientPermissions.urlParameters') ?? []).join(' ');
  const changeCurrentLocale = config.getOptionalBoolean('luigi.clientPermissions.changeCurrentLocale') ?? false;
  const marginSeconds = config.getOptionalNumber('luigi.tokenRefresh.marginSeconds');
  const requestAccessUrl = config.getOptionalString('luigi.access.requestAccessUrl');
  // Anything but the explicit opt-in keeps tokens per micro app.
  const tokenMode: LuigiTokenMode =
    config.getOptionalString('luigi.tokens.mode') === 'token-source' ? 'token-source' : 'per-micro-app';
  // Only the explicit opt-in sends the user's token along with token requests.
  const tokenIssuer: LuigiTokenIssuer =
    config.getOptionalString('luigi.tokens.issuedBy') === 'identity-provider' ? 'identity-provider' : 'luigi-backend';
  const key = entries.join('\n');
  // Entries without an id name no tenant (the backend refuses to start on them).
  const tenants: Array<TenantOriginsEntry & { namespaces: string[] }> = (config.getOptionalConfigArray('luigi.tenants') ?? []).flatMap(
    tenant => {
      const id = tenant.getOptionalString('id');
      const namespaces = tenant.getOptionalStringArray('namespaces') ?? [];
      return id === undefined ? [] : [{ id, namespaces, allowedOrigins: tenant.getOptionalStringArray('allowedOrigins') }];
    },
  );
  const audiences = (config.getOptionalConfigArray('luigi.tokens.audiences') ?? []).map(entry => ({
    entityRef: entry.getOptionalString('entityRef') ?? '',
    audience: entry.getOptionalString('audience') ?? '',
  }));
  const audiencesKey = JSON.stringify(audiences);
  // A string key keeps the settings object stable across renders with the same config.
  const tenantsKey = JSON.stringify(tenants);
  return useMemo(() => {
    const { origins, invalid } = normalizeAllowedOrigins(key ? key.split('\n') : []);
    const tenantEntries = JSON.parse(tenantsKey) as Array<TenantOriginsEntry & { namespaces: string[] }>;
    const tenantOrigins = readTenantOrigins(tenantEntries, origins);
    // Entries the backend refuses to start on are left out here.
    const claimRules = {
      tokenAudiences: normalizeTokenAudiences(JSON.parse(audiencesKey)).audiences,
      tenants: tenantEntries.map(({ id, namespaces }) => ({ id, namespaces })),
    };
    const refresh = {
      ...DEFAULT_REFRESH_SETTINGS,
      ...(marginSeconds !== undefined ? { marginMs: marginSeconds * 1000 } : {}),
    };
    const split = (list: string) => (list ? list.split(' ') : []);
    const { limits, invalid: invalidFrameEntries } = normalizeFrameLimits({ allow: split(frameAllow), sandbox: split(frameSandbox) });
    return {
      allowedOrigins: origins,
      frames: { referrerPolicy, limits, invalid: invalidFrameEntries },
      clientPermissions: normalizeClientPermissionLimits({ urlParameters: split(urlParameters), changeCurrentLocale }),
      invalidOrigins: invalid,
      loadTimeoutMs,
      catalogRefreshMs: Math.max(0, catalogRefreshSeconds) * 1000,
      refresh,
      requestAccessUrl,
      tokenMode,
      tokenIssuer,
      tenantOrigins,
      claimRules,
    };
  }, [key, tenantsKey, audiencesKey, loadTimeoutMs, referrerPolicy, frameAllow, frameSandbox, urlParameters, changeCurrentLocale, catalogRefreshSeconds, marginSeconds, requestAccessUrl, tokenMode, tokenIssuer]);
}
