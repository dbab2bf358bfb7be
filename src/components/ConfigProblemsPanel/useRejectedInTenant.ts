import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { denialOf, isHiddenDenial } from '../../access/applyAccess';
import { luigiAccessApiRef } from '../../access/luigiAccessApi';
import { RejectedMicroApp } from '../../catalog/types';

/**
 * The refused registrations a page in `tenantId` may list: those the backend does not place in
 * another tenant, or in none. The catalog hands the registrations of every tenant, and only the
 * backend knows which tenant an entity belongs to (`luigi.tenants[].namespaces` stays on the server),
 * so the page asks it, as it does for the apps. Until it answers, or if it fails, none is listed:
 * a refusal must never tell of another tenant's apps. Without tenants (`tenantId` undefined), all are.
 */
export function useRejectedInTenant(
  rejected: readonly RejectedMicroApp[],
  tenantId: string | undefined,
): readonly RejectedMicroApp[] {
  const accessApi = useApi(luigiAccessApiRef);
  const refs = [...new Set(rejected.map(item => item.entityRef))];
  const key = refs.join('\n');
  const decided = useAsync(async () => {
    if (tenantId === undefined || key === '') return undefined;
    const answer = await accessApi.decide(key.split('\n'), tenantId);
    return new Set(key.split('\n').filter(ref => !isHiddenDenial(denialOf(ref, answer, tenantId) ?? 'policy')));
  }, [accessApi, key, tenantId]);
  if (tenantId === undefined) return rejected;
  const inTenant = decided.value;
  return inTenant ? rejected.filter(item => inTenant.has(item.entityRef)) : [];
}
