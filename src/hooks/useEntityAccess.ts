import { Entity } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { luigiAccessApiRef } from '../access/luigiAccessApi';
import { DeniedMicroApp, denialOf } from '../access/applyAccess';
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
    // The same rule as the page: only an explicit allow opens.
    const reason = denialOf(context.ref, answer);
    const denied: DeniedMicroApp | undefined =
      reason === undefined ? undefined : { pathSegment: '', label, entity: context, reason };
    return { denied, mode: answer.mode, userEntityRef };
  }, [accessApi, identityApi, context.ref, label]);
}
