import { Entity } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { LuigiTenant } from 'backstage-plugin-luigi-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { luigiAccessApiRef, LuigiAccessApi } from '../access/luigiAccessApi';
import { allowedTenantOf, DeniedMicroApp, denialOf } from '../access/applyAccess';
import { entityContextOf } from '../catalog/buildMicroApps';

/** The tenant named `id` with its title from the tenants the user may enter, else the id as title. */
async function tenantNamed(accessApi: LuigiAccessApi, id: string): Promise<LuigiTenant> {
  try {
    const { tenants } = await accessApi.tenants();
    return tenants.find(tenant => tenant.id === id) ?? { id, title: id };
  } catch {
    // Only the title is missing: the decision, which names the tenant, stands.
    return { id, title: id };
  }
}

/**
 * The backend's decision for one entity's micro frontends, for the signed-in user: `denied` (with
 * the entity as the panel shows it) or not, the access mode, and, while tenants are configured, the
 * entity's tenant (from its allowed decision). An error means: decide again.
 */
export function useEntityAccess(entity: Entity) {
  const accessApi = useApi(luigiAccessApiRef);
  const identityApi = useApi(identityApiRef);
  const context = entityContextOf(entity);
  const label = context.title;
  return useAsyncRetry(async () => {
    // No tenant asked: the backend decides the entity in its own tenant.
    const [{ userEntityRef }, answer] = await Promise.all([
      identityApi.getBackstageIdentity(),
      accessApi.decide([context.ref]),
    ]);
    // The same rule as the page: only an explicit allow opens.
    const reason = denialOf(context.ref, answer);
    const denied: DeniedMicroApp | undefined =
      reason === undefined ? undefined : { pathSegment: '', label, entity: context, reason };
    const tenantId = denied ? undefined : allowedTenantOf(context.ref, answer);
    const tenant = tenantId === undefined ? undefined : await tenantNamed(accessApi, tenantId);
    return { denied, mode: answer.mode, userEntityRef, tenant };
  }, [accessApi, identityApi, context.ref, label]);
}
