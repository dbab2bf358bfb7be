import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { luigiAccessApiRef } from '../access/luigiAccessApi';
import { applyAccess, DeniedMicroApp } from '../access/applyAccess';
import { MicroApp, RejectedMicroApp } from '../catalog/types';
import { LuigiAccessMode, LuigiTenant } from 'backstage-plugin-luigi-common';
import { useMicroAppCatalog } from './useMicroAppCatalog';

/** The micro apps as the signed-in user may see them. */
export interface UserMicroApps {
  /** Apps the backend allows this user to open: the only ones Luigi gets nodes for. */
  apps: MicroApp[];
  /** Registrations refused for what they declare (same for every user). */
  rejected: RejectedMicroApp[];
  /** Apps this user may not open (never those of another tenant, or of none). */
  denied: DeniedMicroApp[];
  mode: LuigiAccessMode;
  userEntityRef: string;
  /** The tenant the apps were decided in; undefined without tenants. */
  tenant?: LuigiTenant;
}

/**
 * Which micro apps to decide: those of `tenant` while tenants are configured, or all of them
 * (`tenant` undefined: tenants are not configured).
 */
export interface MicroAppScope {
  tenant?: LuigiTenant;
}

/**
 * The catalog's micro apps with the backend's access decisions for the signed-in user applied, in
 * `scope`; an undefined scope (not known yet) decides nothing. `accessError` is set when deciding
 * failed: then no app is allowed, and `retry` asks again.
 */
export function useMicroApps(scope: MicroAppScope | undefined) {
  const catalog = useMicroAppCatalog();
  const accessApi = useApi(luigiAccessApiRef);
  const identityApi = useApi(identityApiRef);
  const built = catalog.value;
  const ready = scope !== undefined;
  const tenantId = scope?.tenant?.id;
  const tenantTitle = scope?.tenant?.title;
  const access = useAsyncRetry(async (): Promise<UserMicroApps | undefined> => {
    if (!built || !ready) return undefined;
    const tenant = tenantId === undefined ? undefined : { id: tenantId, title: tenantTitle ?? tenantId };
    const [{ userEntityRef }, answer] = await Promise.all([
      identityApi.getBackstageIdentity(),
      accessApi.decide(built.apps.map(app => app.entity.ref), tenantId),
    ]);
    const { allowed, denied, mode } = applyAccess(built.apps, answer, tenant);
    return { apps: allowed, rejected: built.rejected, denied, mode, userEntityRef, tenant };
  }, [built, accessApi, identityApi, ready, tenantId, tenantTitle]);
  // Apps decided in another tenant than the one asked for now are never shown, not even while loading.
  const value = access.value?.tenant?.id === tenantId ? access.value : undefined;

  return {
    loading: catalog.loading || access.loading,
    catalogError: catalog.error,
    accessError: access.error,
    value,
    /** What the catalog holds, decided or not: rejected registrations show even when deciding fails. */
    catalog: built,
    retry: () => (catalog.error ? catalog.retry() : access.retry()),
  };
}
