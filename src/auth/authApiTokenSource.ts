import {
  ConfigApi,
  OAuthApi,
  OpenIdConnectApi,
  SessionApi,
  SessionState,
} from '@backstage/core-plugin-api';
import { jwtExpiry, LuigiToken, LuigiTokenSourceApi } from './tokenSource';

/**
 * Which token of a Backstage auth API micro apps receive.
 * @public
 */
export type AuthApiTokenKind =
  /** The OpenID Connect ID token (`OpenIdConnectApi.getIdToken`). */
  | { kind: 'id' }
  /** An OAuth access token for the given scopes (`OAuthApi.getAccessToken`). */
  | { kind: 'access'; scopes?: string[] };

type AuthApi = Partial<OpenIdConnectApi & OAuthApi & SessionApi>;

/**
 * A token source over any Backstage auth API implementing `OpenIdConnectApi` and/or `OAuthApi`
 * (`oktaAuthApiRef`, `microsoftAuthApiRef`, `googleAuthApiRef`, an app's own OIDC API ref, …).
 * Every call asks the auth API, which refreshes its session when needed: nothing is cached here.
 * @public
 */
export class AuthApiTokenSource implements LuigiTokenSourceApi {
  /**
   * Reads which token to hand out from app-config: `luigi.tokenSource.token` (`id`, the default, or
   * `access`) and `luigi.tokenSource.scopes` (for access tokens).
   */
  static fromConfig(authApi: AuthApi, config: ConfigApi): AuthApiTokenSource {
    const token = config.getOptionalString('luigi.tokenSource.token') ?? 'id';
    if (token !== 'id' && token !== 'access') {
      throw new Error(`luigi.tokenSource.token must be "id" or "access", not "${token}"`);
    }
    const scopes = config.getOptionalStringArray('luigi.tokenSource.scopes');
    return new AuthApiTokenSource(authApi, token === 'id' ? { kind: 'id' } : { kind: 'access', scopes });
  }

  constructor(
    private readonly authApi: AuthApi,
    private readonly token: AuthApiTokenKind = { kind: 'id' },
  ) {
    if (token.kind === 'id' && !authApi.getIdToken) {
      throw new Error('This auth API does not implement OpenIdConnectApi (getIdToken)');
    }
    if (token.kind === 'access' && !authApi.getAccessToken) {
      throw new Error('This auth API does not implement OAuthApi (getAccessToken)');
    }
  }

  async getToken(): Promise<LuigiToken | undefined> {
    // `optional`: never open a sign-in popup from a background refresh.
    const token =
      this.token.kind === 'id'
        ? await this.authApi.getIdToken!({ optional: true })
        : await this.authApi.getAccessToken!(this.token.scopes, { optional: true });
    if (!token) return undefined;
    return { token, expiresAt: jwtExpiry(token) };
  }

  onSignOut(listener: () => void): () => void {
    if (!this.authApi.sessionState$) return () => {};
    const subscription = this.authApi.sessionState$().subscribe(state => {
      if (state === SessionState.SignedOut) listener();
    });
    return () => subscription.unsubscribe();
  }

  async signIn(): Promise<void> {
    await this.authApi.signIn?.();
  }
}
