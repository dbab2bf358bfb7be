import { useApi } from '@backstage/core-plugin-api';
import { LuigiTenants } from 'backstage-plugin-luigi-common';
import { LuigiAccessApi, luigiAccessApiRef } from '../access/luigiAccessApi';
import { SharedRead, SharedReads } from '../shared/SharedRead';
import { SharedReadResult, useSharedRead } from '../shared/useSharedRead';

// The page and the sidebar show the same list: one request for both, asked again after 10 s.
const reads = new SharedReads<LuigiAccessApi, LuigiTenants>(
  accessApi =>
    new SharedRead(() => accessApi.tenants(), {
      maxAgeMs: 10_000,
      same: (previous, next) => JSON.stringify(previous) === JSON.stringify(next),
    }),
);

/** The tenants the signed-in user may enter, as the backend says; an error means: ask again. */
export function useLuigiTenants(): SharedReadResult<LuigiTenants> {
  return useSharedRead(reads.of(useApi(luigiAccessApiRef), 'tenants'));
}
