import * as oauth from 'oauth4webapi';

/** The local identity provider started by `npm start` (dev/oidc). */
export const DEV_OIDC = {
  issuer: 'http://localhost:7300',
  clientId: 'backstage-dev-portal',
  redirectPath: '/oidc/callback',
  scope: 'openid profile email groups offline_access',
};

/** Tokens of one signed-in session. Held in memory only. */
export interface DevOidcTokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  claims: { sub: string; name?: string; email?: string; groups?: string[] };
}

// The PKCE verifier and state must survive the redirect to the provider; they are not tokens.
const PENDING_KEY = 'luigi-dev-oidc-pending';
const client: oauth.Client = { client_id: DEV_OIDC.clientId };
// The dev provider runs on http://localhost; oauth4webapi refuses plain http unless told.
const insecure = { [oauth.allowInsecureRequests]: true };

let serverPromise: Promise<oauth.AuthorizationServer> | undefined;
function server() {
  serverPromise ??= (async () => {
    const issuer = new URL(DEV_OIDC.issuer);
    const response = await oauth.discoveryRequest(issuer, insecure);
    return oauth.processDiscoveryResponse(issuer, response);
  })();
  return serverPromise;
}

function redirectUri() {
  return `${window.location.origin}${DEV_OIDC.redirectPath}`;
}

function toTokens(response: oauth.TokenEndpointResponse): DevOidcTokens {
  const claims = oauth.getValidatedIdTokenClaims(response) as DevOidcTokens['claims'] | undefined;
  if (!response.id_token || !claims) throw new Error('The provider returned no ID token');
  return {
    idToken: response.id_token,
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt: Date.now() + (response.expires_in ?? 60) * 1000,
    claims,
  };
}

/** Sends the browser to the provider's login (authorization code with PKCE). */
export async function startSignIn(): Promise<void> {
  const as = await server();
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(
    PENDING_KEY,
    JSON.stringify({ verifier, state, returnTo: window.location.pathname + window.location.hash }),
  );
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', DEV_OIDC.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', DEV_OIDC.scope);
  url.searchParams.set('prompt', 'consent');
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  window.location.assign(url.href);
}

/** True when the current URL is the provider's redirect back to us. */
export function isSignInCallback(): boolean {
  return window.location.pathname === DEV_OIDC.redirectPath;
}

/** Exchanges the code in the callback URL for tokens, and puts back the URL the user started from. */
export async function completeSignIn(): Promise<DevOidcTokens> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending) throw new Error('No sign-in was started in this tab');
  const as = await server();
  const params = oauth.validateAuthResponse(as, client, new URL(window.location.href), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as, client, oauth.None(), params, redirectUri(), pending.verifier, insecure,
  );
  const tokens = toTokens(await oauth.processAuthorizationCodeResponse(as, client, response));
  window.history.replaceState(null, '', pending.returnTo || '/');
  return tokens;
}

/** Uses the refresh token for a new token set (the provider rotates all of them). */
export async function refreshTokens(refreshToken: string): Promise<DevOidcTokens> {
  const as = await server();
  const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), refreshToken, insecure);
  return toTokens(await oauth.processRefreshTokenResponse(as, client, response));
}

/** The provider's logout URL that ends its session and comes back to the portal. */
export async function endSessionUrl(idToken: string): Promise<string | undefined> {
  const as = await server();
  if (!as.end_session_endpoint) return undefined;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', `${window.location.origin}/`);
  return url.href;
}
