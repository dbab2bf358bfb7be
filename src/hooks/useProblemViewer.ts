import { identityApiRef, useApi, useApiHolder } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { luigiAdminReadPermission } from 'backstage-plugin-luigi-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ProblemViewer } from '../access/problemAudience';

/**
 * The signed-in user as a viewer of configuration problems: whether the permission policy allows them
 * `luigi.admin.read` (the portal's admins, as for the admin warnings), and the entities they own.
 * Undefined while being asked. An app without a permission API (or one that cannot be built), or a
 * question that fails, makes nobody an admin: owners still see their own entities' problems.
 */
export function useProblemViewer(): ProblemViewer | undefined {
  const identityApi = useApi(identityApiRef);
  const apis = useApiHolder();
  const permissionApi = useMemo(() => {
    // The panel is advice: an app whose permission API cannot be built (no backend.baseUrl) still shows the page.
    try {
      return apis.get(permissionApiRef);
    } catch {
      return undefined;
    }
  }, [apis]);
  const { value } = useAsync(async (): Promise<ProblemViewer> => {
    const isAdmin = async () => {
      if (!permissionApi) return false;
      try {
        const { result } = await permissionApi.authorize({ permission: luigiAdminReadPermission });
        return result === AuthorizeResult.ALLOW;
      } catch {
        return false;
      }
    };
    const ownershipRefs = async () => {
      try {
        return (await identityApi.getBackstageIdentity()).ownershipEntityRefs;
      } catch {
        return [];
      }
    };
    const [admin, refs] = await Promise.all([isAdmin(), ownershipRefs()]);
    return { admin, ownershipRefs: refs };
  }, [identityApi, permissionApi]);
  return value;
}
