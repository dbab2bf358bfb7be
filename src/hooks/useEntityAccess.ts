import { Entity } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { luigiAccessApiRef } from '../access/luigiAccessApi';
import { applyAccess } from '../access/applyAccess';
import { entityContextOf } from '../catalog/buildMicroApps';

/**
 * The backend's decision for one entity's micro frontends, for the signed-in user: `denied` (with
 * the entity as the panel shows it) or not, and the access mode. An error means: decide again.
 */
export function useEntityAccess(entity: Entity) {
  const accessApi = useApi(luigiAccessApiRef);
  const identityApi = useApi(identityApiRef);
  const context = entityContextOf(entity);
  const label = context.title;
  return useAsyncRetry(async () => {
    const [{ userEntityRef }, answer] = await Promise.all([
      identityApi.getBackstageIdentity(),
      accessApi.decide([context.ref]),
    ]);
    // The entity as a one-app list: the same rule as the page (only an explicit allow opens).
    const { denied, mode } = applyAccess(
      [{ pathSegment: '', label, category: '', viewUrl: '', entity: context }],
      answer,
    );
    return { denied: denied[0], mode, userEntityRef };
  }, [accessApi, identityApi, context.ref, label]);
}
