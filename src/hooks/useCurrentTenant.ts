import { LuigiTenant } from 'backstage-plugin-luigi-common';
import { useSyncExternalStore } from 'react';
import { getCurrentTenant, subscribeCurrentTenant } from '../tenants/currentTenant';

/** The tenant the micro apps page shows or last showed in this tab (see `currentTenant`). */
export function useCurrentTenant(): LuigiTenant | undefined {
  return useSyncExternalStore(subscribeCurrentTenant, getCurrentTenant, getCurrentTenant);
}
