import { MicroApp, RejectedMicroApp } from '../catalog/types';
import { tenantOriginProblem, TenantOriginScope } from './tenantOriginCheck';

/** Micro apps as one tenant shows them: those it frames, and those it refuses for their origin. */
export interface TenantOriginApps {
  apps: MicroApp[];
  rejected: RejectedMicroApp[];
}

/**
 * The apps `tenant` may frame: those at one of its origins. The others are listed in `rejected` with
 * the reason, and get no Luigi node, so no frame and no token. Pure. Without a tenant (tenants are not
 * configured), every app stays.
 *
 * Meant for apps already decided in the tenant: another tenant's apps are left out before, so a
 * refusal here never tells of them.
 */
export function narrowToTenantOrigins(
  apps: readonly MicroApp[],
  tenant: TenantOriginScope | undefined,
): TenantOriginApps {
  if (!tenant) return { apps: [...apps], rejected: [] };
  const inside: MicroApp[] = [];
  const rejected: RejectedMicroApp[] = [];
  for (const app of apps) {
    const reason = tenantOriginProblem(app.viewUrl, tenant);
    if (reason === undefined) inside.push(app);
    else rejected.push({ entityRef: app.entity.ref, owner: app.entity.owner, label: app.label, reason });
  }
  return { apps: inside, rejected };
}
