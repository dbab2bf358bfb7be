import { CatalogApi } from '@backstage/catalog-client';
import { FrameLimits } from 'backstage-plugin-luigi-common';
import { SharedRead, SharedReads } from '../shared/SharedRead';
import { buildMicroApps } from './buildMicroApps';
import { microAppEntitiesRequest } from './entityQuery';
import { withFrameRequests } from './frameRequests';
import { MicroAppCatalog } from './types';

/**
 * A later view (the page after the sidebar) within this many ms shows the catalog already read
 * without asking again; after it, it is shown and read again in the background.
 */
export const CATALOG_MAX_AGE_MS = 10_000;

/** Reads the catalog's annotated entities and turns them into micro apps, as allowed by the settings. */
async function readMicroApps(
  catalogApi: CatalogApi,
  allowedOrigins: ReadonlySet<string>,
  frameLimits: FrameLimits,
): Promise<MicroAppCatalog> {
  const { items } = await catalogApi.getEntities(microAppEntitiesRequest);
  const built = buildMicroApps(items, { allowedOrigins });
  const framed = withFrameRequests(built.apps, items, frameLimits);
  const rejected = [...built.rejected, ...framed.rejected].sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  return { apps: framed.apps, rejected };
}

const reads = new SharedReads<CatalogApi, MicroAppCatalog>((catalogApi, key) => {
  const { origins, refreshMs, frameLimits } = JSON.parse(key) as { origins: string[]; refreshMs: number; frameLimits: FrameLimits };
  const allowedOrigins = new Set(origins);
  return new SharedRead(
    () => readMicroApps(catalogApi, allowedOrigins, frameLimits),
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
export function microAppCatalogRead(
  catalogApi: CatalogApi,
  allowedOrigins: ReadonlySet<string>,
  refreshMs: number,
  frameLimits: FrameLimits,
): SharedRead<MicroAppCatalog> {
  return reads.of(catalogApi, JSON.stringify({ origins: [...allowedOrigins].sort(), refreshMs, frameLimits }));
}
