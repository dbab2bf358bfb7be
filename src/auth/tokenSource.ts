import { createApiRef, IdentityApi } from '@backstage/core-plugin-api';

/**
 * A token handed to micro apps.
 * @public
 */
export interface LuigiToken {
  /** The token micro apps receive from `LuigiClient.getToken()`. */
  token: string;
  /** Epoch milliseconds after which the token is no longer valid, when known. */
  expiresAt?: number;
}

/**
 * Where the plugin gets the token it hands to micro apps. Apps replace the default (Backstage's own
 * identity token) with an API override.
 * @public
 */
export interface LuigiTokenSourceApi {
  /** A token for the signed-in user, fresh from its source; undefined when signed out. */
  getToken(): Promise<LuigiToken | undefined>;
  /** Optional: calls `listener` when the user signs out, so open micro apps lose the token at once. */
  onSignOut?(listener: () => void): () => void;
  /** Optional: signs the user in again after a failed refresh (the page's "Sign in" action). */
  signIn?(): Promise<void>;
}

/**
 * API ref for {@link LuigiTokenSourceApi}.
 * @public
 */
export const luigiTokenSourceApiRef = createApiRef<LuigiTokenSourceApi>({
  id: 'plugin.luigi.token-source',
});

/** Reads `exp` from a JWT without verifying it (only to schedule refreshes), in epoch ms. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json.exp === 'number' ? json.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The default token source: the signed-in user's Backstage token.
 * @public
 */
export class BackstageIdentityTokenSource implements LuigiTokenSourceApi {
  constructor(private readonly identityApi: IdentityApi) {}

  async getToken(): Promise<LuigiToken | undefined> {
    const { token } = await this.identityApi.getCredentials();
    if (!token) return undefined;
    return { token, expiresAt: jwtExpiry(token) };
  }
}
