import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { microAppCatalogRead } from '../catalog/microAppCatalogReads';
import { MicroAppCatalog } from '../catalog/types';
import { SharedReadResult, useSharedRead } from '../shared/useSharedRead';
import { useLuigiSettings } from './useLuigiSettings';

/**
 * The catalog's annotated entities as micro apps (and rejections): one read shared by every view of
 * the tab, refreshed while shown (`luigi.catalog.refreshSeconds`).
 */
export function useMicroAppCatalog(): SharedReadResult<MicroAppCatalog> {
  const catalogApi = useApi(catalogApiRef);
  const { allowedOrigins, catalogRefreshMs, frames, clientPermissions, claimRules } = useLuigiSettings();
  return useSharedRead(
    microAppCatalogRead(catalogApi, { allowedOrigins, frameLimits: frames.limits, clientPermissions, claimRules }, catalogRefreshMs),
  );
}
