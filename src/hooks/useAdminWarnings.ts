import { useApi } from '@backstage/core-plugin-api';
import { LuigiAdminWarning } from 'backstage-plugin-luigi-common';
import useAsync from 'react-use/esm/useAsync';
import { luigiAccessApiRef } from '../access/luigiAccessApi';

/**
 * The backend's warnings for the portal's admins, asked once per mount: empty while being asked, for a
 * user who is no admin, for an access API without the question, and when asking fails (the warnings
 * are advice; the backend's log and audit trail have them too).
 */
export function useAdminWarnings(): readonly LuigiAdminWarning[] {
  const accessApi = useApi(luigiAccessApiRef);
  const { value } = useAsync(async () => {
    if (!accessApi.adminWarnings) return [];
    try {
      return (await accessApi.adminWarnings()).warnings;
    } catch {
      return [];
    }
  }, [accessApi]);
  return value ?? [];
}
