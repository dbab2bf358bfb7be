import {
  BackstageIdentityApi,
  BackstageIdentityResponse,
  BackstageUserIdentity,
  IdentityApi,
  OAuthApi,
  OpenIdConnectApi,
  ProfileInfo,
  ProfileInfoApi,
  SessionApi,
  SessionState,
  createApiRef,
} from '@backstage/core-plugin-api';
import { Observable } from '@backstage/types';
import { DevOidcTokens, endSessionUrl, refreshTokens } from './devOidcClient';

/** Refresh this long before the access token expires (the plugin's default margin is 30 s). */
const REFRESH_MARGIN_MS = 30_000;

/**
 * The dev portal's auth API over the local OIDC provider: the same interfaces as Backstage's
 * `oktaAuthApiRef` & co, so the plugin's OIDC token source is exercised exactly as in a real app.
 */
export class DevOidcAuth
  implements OpenIdConnectApi, OAuthApi, ProfileInfoApi, BackstageIdentityApi, SessionApi
{
  private tokens?: DevOidcTokens;
  private refreshing?: Promise<DevOidcTokens>;
  private readonly listeners = new Set<(state: SessionState) => void>();

  /** Starts the session with the tokens from the sign-in redirect. */
  setTokens(tokens: DevOidcTokens) {
    this.tokens = tokens;
    this.emit(SessionState.SignedIn);
  }

  private emit(state: SessionState) {
    this.listeners.forEach(listener => listener(state));
  }

  private async fresh(): Promise<DevOidcTokens | undefined> {
    const current = this.tokens;
    if (!current) return undefined;
    if (current.expiresAt - Date.now() > REFRESH_MARGIN_MS) return current;
    if (!current.refreshToken) return undefined;
    this.refreshing ??= refreshTokens(current.refreshToken).finally(() => {
      this.refreshing = undefined;
    });
    try {
      const next = await this.refreshing;
      if (this.tokens === current) this.tokens = next;
      return this.tokens;
    } catch (error) {
      // A refused refresh ends the session rather than serving a stale token.
      this.tokens = undefined;
      this.emit(SessionState.SignedOut);
      throw error;
    }
  }

  async getIdToken(): Promise<string> {
    return (await this.fresh())?.idToken ?? '';
  }

  async getAccessToken(): Promise<string> {
    return (await this.fresh())?.accessToken ?? '';
  }

  async getProfile(): Promise<ProfileInfo | undefined> {
    const claims = this.tokens?.claims;
    return claims ? { displayName: claims.name, email: claims.email } : undefined;
  }

  async getBackstageIdentity(): Promise<BackstageIdentityResponse | undefined> {
    const tokens = await this.fresh();
    if (!tokens) return undefined;
    return { token: tokens.idToken, identity: identityOf(tokens) };
  }

  async signIn(): Promise<void> {
    // Signing in is a full-page redirect handled by the dev sign-in page.
  }

  async signOut(): Promise<void> {
    const idToken = this.tokens?.idToken;
    this.tokens = undefined;
    this.emit(SessionState.SignedOut);
    const logout = idToken ? await endSessionUrl(idToken).catch(() => undefined) : undefined;
    if (logout) window.location.assign(logout);
  }

  sessionState$(): Observable<SessionState> {
    const listeners = this.listeners;
    const current = () => (this.tokens ? SessionState.SignedIn : SessionState.SignedOut);
    return {
      [Symbol.observable]() {
        return this;
      },
      subscribe(observer: any) {
        const next = typeof observer === 'function' ? observer : (s: SessionState) => observer.next?.(s);
        listeners.add(next);
        next(current());
        const subscription = {
          closed: false,
          unsubscribe() {
            listeners.delete(next);
            subscription.closed = true;
          },
        };
        return subscription;
      },
    } as Observable<SessionState>;
  }

  /** An IdentityApi for Backstage's sign-in contract, backed by this session. */
  toIdentityApi(): IdentityApi {
    return {
      getProfileInfo: async () => (await this.getProfile()) ?? {},
      getBackstageIdentity: async () => {
        const tokens = await this.fresh();
        if (!tokens) throw new Error('Not signed in');
        return identityOf(tokens);
      },
      getCredentials: async () => ({ token: (await this.fresh())?.idToken }),
      signOut: () => this.signOut(),
    };
  }
}

/** Users are `user:default/<sub>`; OIDC groups become `group:default/<group>` ownership refs. */
function identityOf(tokens: DevOidcTokens): BackstageUserIdentity {
  const userEntityRef = `user:default/${tokens.claims.sub}`;
  return {
    type: 'user',
    userEntityRef,
    ownershipEntityRefs: [userEntityRef, ...(tokens.claims.groups ?? []).map(g => `group:default/${g}`)],
  };
}

/** The dev portal's OIDC auth API, what an app would get from `oktaAuthApiRef` and the like. */
export const devOidcAuthApiRef = createApiRef<
  OpenIdConnectApi & OAuthApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'dev.auth.local-oidc' });

/** The one session of the dev portal tab. */
export const devOidcAuth = new DevOidcAuth();
