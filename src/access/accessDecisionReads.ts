import { IdentityApi } from '@backstage/core-plugin-api';
import { LuigiAccessDecisions } from 'backstage-plugin-luigi-common';
import { SharedRead, SharedReads } from '../shared/SharedRead';
import { LuigiAccessApi } from './luigiAccessApi';

/** The backend's decisions for a set of apps, with the user they were made for. */
export interface DecidedAccess {
  userEntityRef: string;
  answer: LuigiAccessDecisions;
}

/**
 * Views mounting within this many ms of a decision (the sidebar and the page at start) share it;
 * a later view asks the backend again, showing the earlier answer until the new one arrives.
 */
export const DECISIONS_MAX_AGE_MS = 5_000;

interface Owner {
  accessApi: LuigiAccessApi;
  identityApi: IdentityApi;
}

const owners = new WeakMap<LuigiAccessApi, WeakMap<IdentityApi, Owner>>();

function ownerOf(accessApi: LuigiAccessApi, identityApi: IdentityApi): Owner {
  let byIdentity = owners.get(accessApi);
  if (!byIdentity) {
    byIdentity = new WeakMap();
    owners.set(accessApi, byIdentity);
  }
  let owner = byIdentity.get(identityApi);
  if (!owner) {
    owner = { accessApi, identityApi };
    byIdentity.set(identityApi, owner);
  }
  return owner;
}

const reads = new SharedReads<Owner, DecidedAccess>(({ accessApi, identityApi }, key) => {
  const { entityRefs, tenant } = JSON.parse(key) as { entityRefs: string[]; tenant?: string };
  return new SharedRead(
    async () => {
      const [{ userEntityRef }, answer] = await Promise.all([
        identityApi.getBackstageIdentity(),
        accessApi.decide(entityRefs, tenant),
      ]);
      return { userEntityRef, answer };
    },
    // The same answer again keeps its object: nothing downstream recomputes or reconfigures Luigi.
    { maxAgeMs: DECISIONS_MAX_AGE_MS, same: (previous, next) => JSON.stringify(previous) === JSON.stringify(next) },
  );
});

/**
 * The one request for the backend's decisions on `entityRefs` in `tenant` that every view of the
 * tab showing them shares. Display only: the backend decides again whenever a token is asked for.
 */
export function accessDecisionRead(
  accessApi: LuigiAccessApi,
  identityApi: IdentityApi,
  entityRefs: readonly string[],
  tenant: string | undefined,
): SharedRead<DecidedAccess> {
  return reads.of(ownerOf(accessApi, identityApi), JSON.stringify({ entityRefs, tenant }));
}
