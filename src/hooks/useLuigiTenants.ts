import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { luigiAccessApiRef } from '../access/luigiAccessApi';

/** The tenants the signed-in user may enter, as the backend says; an error means: ask again. */
export function useLuigiTenants() {
  const accessApi = useApi(luigiAccessApiRef);
  return useAsyncRetry(() => accessApi.tenants(), [accessApi]);
}
