import { BackstageUserIdentity, ProfileInfo } from '@backstage/core-plugin-api';

/**
 * Who the signed-in user is, as every micro app receives it in `context.user`.
 * @public
 */
export interface LuigiUserContext {
  /** e.g. `user:default/alice`. */
  userEntityRef: string;
  displayName?: string;
  email?: string;
  /** The user and the groups they belong to, as entity refs. */
  ownershipEntityRefs: string[];
}

/** Builds the user context from Backstage's identity and profile. */
export function buildUserContext(
  identity: BackstageUserIdentity,
  profile: ProfileInfo,
): LuigiUserContext {
  return {
    userEntityRef: identity.userEntityRef,
    displayName: profile.displayName,
    email: profile.email,
    ownershipEntityRefs: [...identity.ownershipEntityRefs],
  };
}
