import { useApi } from '@backstage/core-plugin-api';
import { LuigiTenant } from 'backstage-plugin-luigi-common';
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { luigiAccessApiRef } from '../access/luigiAccessApi';
import { switchTenantEvent } from '../analytics/luigiEvents';
import { chooseTenant } from '../tenants/chooseTenant';
import { getCurrentTenant, setCurrentTenant } from '../tenants/currentTenant';
import { tenantFromSearch } from '../tenants/tenantUrl';
import { useLuigiAnalytics } from './useLuigiAnalytics';
import { useLuigiTenants } from './useLuigiTenants';

/**
 * What the micro apps page shows, tenant-wise:
 * - `loading`: asking which tenants the user may enter, or entering one;
 * - `error`: the backend could not say (nothing is shown; `retry` asks again);
 * - `untenanted`: tenants are not configured, the page is what it always was;
 * - `denied`: the user may not enter the tenant the URL names (`tenantId`), or any;
 * - `entered`: the backend let the user enter `tenant`; `tenants` are all they may enter.
 */
export type PageTenantState =
  | { kind: 'loading' }
  | { kind: 'error'; error: Error; retry(): void }
  | { kind: 'untenanted' }
  | { kind: 'denied'; tenantId?: string; enterable: LuigiTenant[] }
  | { kind: 'entered'; tenant: LuigiTenant; tenants: LuigiTenant[] };

/**
 * The page's tenant, from the URL (`?tenant=`; none: the first the user may enter). The page shows a
 * tenant's apps only once the backend let the user enter it (and recorded it); then it becomes the
 * tab's current tenant, and a change of tenant is captured as `switch-tenant`.
 */
export function usePageTenant(): PageTenantState {
  const accessApi = useApi(luigiAccessApiRef);
  const capture = useLuigiAnalytics();
  const urlTenant = tenantFromSearch(useLocation().search);
  const tenants = useLuigiTenants();
  const choice = tenants.value ? chooseTenant(tenants.value, urlTenant) : undefined;
  // A tenant the URL names but the list lacks is asked for all the same: the backend refuses it, and
  // its audit trail records the refusal (the list alone would leave no trace of the attempt).
  const toEnter = choice?.kind === 'enter' ? choice.tenant.id : choice?.kind === 'denied' ? choice.tenantId : undefined;

  const entry = useAsyncRetry(async () => {
    if (toEnter === undefined) return undefined;
    const shown = getCurrentTenant()?.id;
    const from = shown !== undefined && shown !== toEnter ? shown : undefined;
    return { id: toEnter, from, answer: await accessApi.enterTenant(toEnter, from) };
  }, [accessApi, toEnter]);
  // A previous tenant's answer stays in `entry.value` while the next one is asked.
  const answer = entry.value?.id === toEnter && !entry.loading ? entry.value : undefined;
  const entered = answer?.answer.entered ? answer.answer.tenant : undefined;

  useEffect(() => {
    if (!entered) return;
    setCurrentTenant(entered);
    if (answer?.from !== undefined) capture(switchTenantEvent(entered.id, answer.from));
  }, [entered, answer, capture]);

  if (tenants.error) return { kind: 'error', error: tenants.error, retry: tenants.retry };
  if (!choice) return { kind: 'loading' };
  if (choice.kind === 'untenanted') return { kind: 'untenanted' };
  const enterable = tenants.value!.tenants;
  if (choice.kind === 'denied') return { kind: 'denied', tenantId: choice.tenantId, enterable };
  if (entry.loading) return { kind: 'loading' };
  if (entry.error) return { kind: 'error', error: entry.error, retry: entry.retry };
  if (!answer) return { kind: 'loading' };
  if (!entered) {
    return { kind: 'denied', tenantId: choice.tenant.id, enterable: enterable.filter(t => t.id !== choice.tenant.id) };
  }
  return { kind: 'entered', tenant: entered, tenants: enterable };
}
