import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { accessDecisionRead } from '../access/accessDecisionReads';
import { luigiAccessApiRef } from '../access/luigiAccessApi';
import { applyAccess, DeniedMicroApp, denialOf, isHiddenDenial } from '../access/applyAccess';
import { parseEntityRef } from '@backstage/catalog-model';
import { MicroApp, RejectedMicroApp } from '../catalog/types';
import { LuigiAccessDecisions, LuigiAccessMode, LuigiTenant } from 'backstage-plugin-luigi-common';
import { narrowToTenantOrigins } from '../tenants/narrowToTenantOrigins';
import { originsOfTenant } from '../tenants/tenantOrigins';
import { useLuigiSettings } from './useLuigiSettings';
import { useMicroAppCatalog } from './useMicroAppCatalog';
import { useSharedRead } from '../shared/useSharedRead';

/** Whether a refused registration's ref can be decided (a malformed entity's is not). */
function isEntityRef(ref: string): boolean {
  try {
    parseEntityRef(ref);
    return ref.includes(':') && ref.includes('/');
  } catch {
    return false;
  }
}

/** Whether the backend places an entity in the tenant shown (one it was not asked about: no). */
function inTenantShown(entityRef: string, answer: LuigiAccessDecisions, tenantId: string): boolean {
  return isEntityRef(entityRef) && !isHiddenDenial(denialOf(entityRef, answer, tenantId) ?? 'policy');
}

/** The micro apps as the signed-in user may see them. */
export interface UserMicroApps {
  /**
   * Apps the backend allows this user to open, at an origin of the tenant shown: the only ones Luigi
   * gets nodes for.
   */
  apps: MicroApp[];
  /**
   * Registrations refused for what they declare (same for every user), and, in a tenant, allowed apps
   * at an origin outside the tenant's.
   */
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
 * `scope`, and narrowed to the origins of its tenant; an undefined scope (not known yet) decides
 * nothing. `accessError` is set when deciding failed: then no app is allowed, and `retry` asks again.
 */
export function useMicroApps(scope: MicroAppScope | undefined) {
  const catalog = useMicroAppCatalog();
  const accessApi = useApi(luigiAccessApiRef);
  const identityApi = useApi(identityApiRef);
  const { allowedOrigins, tenantOrigins } = useLuigiSettings();
  const built = catalog.value;
  const ready = scope !== undefined;
  const tenantId = scope?.tenant?.id;
  const tenantTitle = scope?.tenant?.title;
  // The refused registrations are decided too, in the same request: only the backend knows which
  // tenant an entity belongs to, and a page lists only its own tenant's refusals.
  const entityRefs = useMemo(
    () => built && [...new Set([...built.apps.map(app => app.entity.ref), ...built.rejected.map(r => r.entityRef).filter(isEntityRef)])],
    [built],
  );
  const decisions = useSharedRead(
    entityRefs && ready ? accessDecisionRead(accessApi, identityApi, entityRefs, tenantId) : undefined,
  );
  const decided = decisions.value;
  const userApps = useMemo((): UserMicroApps | undefined => {
    if (!built || !decided) return undefined;
    const tenant = tenantId === undefined ? undefined : { id: tenantId, title: tenantTitle ?? tenantId };
    const { allowed, denied, mode } = applyAccess(built.apps, decided.answer, tenant);
    // Narrowed after deciding: only the tenant's own apps are left, so no refusal tells of another's.
    const origins = tenant && { id: tenant.id, origins: originsOfTenant(tenantOrigins, tenant.id, allowedOrigins) };
    const shown = narrowToTenantOrigins(allowed, origins);
    const own = tenant ? built.rejected.filter(item => inTenantShown(item.entityRef, decided.answer, tenant.id)) : built.rejected;
    const rejected = [...own, ...shown.rejected].sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    return { apps: shown.apps, rejected, denied, mode, userEntityRef: decided.userEntityRef, tenant };
  }, [built, decided, tenantId, tenantTitle, allowedOrigins, tenantOrigins]);
  const access = { value: userApps, loading: decisions.loading, error: decisions.error, retry: decisions.retry };
  // Apps decided in another tenant than the one asked for now are never shown, not even while loading.
  const value = access.value?.tenant?.id === tenantId ? access.value : undefined;

  return {
    loading: catalog.loading || access.loading,
    catalogError: catalog.error,
    accessError: access.error,
    value,
    /**
     * What the catalog holds, decided or not: rejected registrations show even when deciding fails
     * (`value.rejected` adds those refused for the tenant's origins, once decided).
     */
    catalog: built,
    /**
     * The refused registrations to list: once decided, those of the tenant shown (and the apps refused
     * for its origins); before, all of them without tenants, none with (a refusal must never tell of
     * another tenant's apps).
     */
    rejected: value?.rejected ?? (tenantId === undefined ? built?.rejected ?? [] : []),
    retry: () => (catalog.error ? catalog.retry() : access.retry()),
  };
}
