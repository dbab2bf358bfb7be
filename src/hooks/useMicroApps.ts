import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { luigiAccessApiRef } from '../access/luigiAccessApi';
import { applyAccess, DeniedMicroApp } from '../access/applyAccess';
import { MicroApp, RejectedMicroApp } from '../catalog/types';
import { LuigiAccessMode } from 'backstage-plugin-luigi-common';
import { useMicroAppCatalog } from './useMicroAppCatalog';

/** The micro apps as the signed-in user may see them. */
export interface UserMicroApps {
  /** Apps the backend allows this user to open: the only ones Luigi gets nodes for. */
  apps: MicroApp[];
  /** Registrations refused for what they declare (same for every user). */
  rejected: RejectedMicroApp[];
  /** Apps this user may not open. */
  denied: DeniedMicroApp[];
  mode: LuigiAccessMode;
  userEntityRef: string;
}

/**
 * The catalog's micro apps with the backend's access decisions for the signed-in user applied.
 * `accessError` is set when deciding failed: then no app is allowed, and `retry` asks again.
 */
export function useMicroApps() {
  const catalog = useMicroAppCatalog();
  const accessApi = useApi(luigiAccessApiRef);
  const identityApi = useApi(identityApiRef);
  const built = catalog.value;
  const access = useAsyncRetry(async (): Promise<UserMicroApps | undefined> => {
    if (!built) return undefined;
    const [{ userEntityRef }, answer] = await Promise.all([
      identityApi.getBackstageIdentity(),
      accessApi.decide(built.apps.map(app => app.entity.ref)),
    ]);
    const { allowed, denied, mode } = applyAccess(built.apps, answer);
    return { apps: allowed, rejected: built.rejected, denied, mode, userEntityRef };
  }, [built, accessApi, identityApi]);

  return {
    loading: catalog.loading || access.loading,
    catalogError: catalog.error,
    accessError: access.error,
    value: access.value,
    /** What the catalog holds, decided or not: rejected registrations show even when deciding fails. */
    catalog: built,
    retry: () => (catalog.error ? catalog.retry() : access.retry()),
  };
}
