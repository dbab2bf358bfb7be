import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { buildMicroApps } from '../catalog/buildMicroApps';
import { microAppEntitiesRequest } from '../catalog/entityQuery';
import { MicroAppCatalog } from '../catalog/types';
import { useLuigiSettings } from './useLuigiSettings';

/** Loads annotated entities from the catalog and turns them into micro apps (and rejections). */
export function useMicroAppCatalog() {
  const catalogApi = useApi(catalogApiRef);
  const { allowedOrigins } = useLuigiSettings();
  return useAsyncRetry(async (): Promise<MicroAppCatalog> => {
    const { items } = await catalogApi.getEntities(microAppEntitiesRequest);
    return buildMicroApps(items, { allowedOrigins });
  }, [catalogApi, allowedOrigins]);
}
