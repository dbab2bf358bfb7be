import { CatalogApi } from '@backstage/catalog-client';
import { ClientPermissionLimits, FrameLimits, RegistrantClaimRules } from 'backstage-plugin-luigi-common';
import { SharedRead, SharedReads } from '../shared/SharedRead';
import { buildMicroApps } from './buildMicroApps';
import { microAppEntitiesRequest } from './entityQuery';
import { withFrameRequests } from './frameRequests';
import { withNodeSettings } from './nodeSettings';
import { refusedEntityViews } from './refusedEntityViews';
import { withRegistrantClaims } from './registrantClaims';
import { MicroAppCatalog } from './types';

/**
 * A later view (the page after the sidebar) within this many ms shows the catalog already read
 * without asking again; after it, it is shown and read again in the background.
 */
export const CATALOG_MAX_AGE_MS = 10_000;

/** What the catalog's registrations are checked against: the admin's settings. */
export interface CatalogRules {
  allowedOrigins: ReadonlySet<string>;
  frameLimits: FrameLimits;
  clientPermissions: ClientPermissionLimits;
  /** What config gives entities: their claims of audiences and tenants are checked against it. */
  claimRules: RegistrantClaimRules;
}

/**
 * Reads the catalog's annotated entities and turns them into micro apps, as allowed by the settings;
 * refused are the registrations and the further views of the apps shown.
 */
async function readMicroApps(catalogApi: CatalogApi, rules: CatalogRules): Promise<MicroAppCatalog> {
  const { items } = await catalogApi.getEntities(microAppEntitiesRequest);
  const built = buildMicroApps(items, { allowedOrigins: rules.allowedOrigins });
  const framed = withFrameRequests(built.apps, items, rules.frameLimits);
  const noded = withNodeSettings(framed.apps, items, rules.allowedOrigins, rules.clientPermissions);
  const claimed = withRegistrantClaims(noded.apps, items, rules.claimRules);
  // The shown apps' refused further views, listed too: otherwise only their entity tab tells of them.
  const views = refusedEntityViews(claimed.apps, items, rules.allowedOrigins);
  const rejected = [...built.rejected, ...framed.rejected, ...noded.rejected, ...claimed.rejected, ...views].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  );
  return { apps: claimed.apps, rejected };
}

interface ReadKey {
  origins: string[];
  refreshMs: number;
  frameLimits: FrameLimits;
  clientPermissions: ClientPermissionLimits;
  /** `claimRules`, its audiences as entries: a key is JSON. */
  audiences: Array<[string, string]>;
  tenants: RegistrantClaimRules['tenants'];
}

const reads = new SharedReads<CatalogApi, MicroAppCatalog>((catalogApi, key) => {
  const { origins, refreshMs, frameLimits, clientPermissions, audiences, tenants } = JSON.parse(key) as ReadKey;
  const claimRules = { tokenAudiences: new Map(audiences), tenants };
  const rules = { allowedOrigins: new Set(origins), frameLimits, clientPermissions, claimRules };
  return new SharedRead(
    () => readMicroApps(catalogApi, rules),
    {
      maxAgeMs: CATALOG_MAX_AGE_MS,
      pollMs: refreshMs,
      // An unchanged catalog keeps its object: nothing re-decides or reconfigures Luigi.
      same: (previous, next) => JSON.stringify(previous) === JSON.stringify(next),
    },
  );
});

/**
 * The one read of the catalog's micro apps that the page, the sidebar and the entity tabs of this
 * tab share, per catalog client and settings; read again every `refreshMs` while shown (0: only
 * when a view mounts after {@link CATALOG_MAX_AGE_MS}).
 */
export function microAppCatalogRead(catalogApi: CatalogApi, rules: CatalogRules, refreshMs: number): SharedRead<MicroAppCatalog> {
  const key: ReadKey = {
    origins: [...rules.allowedOrigins].sort(),
    refreshMs,
    frameLimits: rules.frameLimits,
    clientPermissions: rules.clientPermissions,
    audiences: [...rules.claimRules.tokenAudiences],
    tenants: rules.claimRules.tenants,
  };
  return reads.of(catalogApi, JSON.stringify(key));
}
