import { createHash, randomBytes } from 'node:crypto';

/** The dev portal's public client and its redirect URI: only read from the Location header, never called. */
const CLIENT_ID = 'backstage-dev-portal';
const REDIRECT_URI = 'http://localhost:7007/api/auth/oidc/handler/frame';

/** The tokens the portal receives for a user. */
export interface UserTokens {
  access_token: string;
  id_token: string;
}

/** What a browser keeps between the provider's pages: its cookies, by name (paths do not matter here). */
class Cookies {
  readonly #values = new Map<string, string>();

  keep(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()];
      const expired = attributes.some(
        attribute => /^\s*expires=/i.test(attribute) && Date.parse(attribute.split('=')[1]) <= Date.now(),
      );
      if (value === '' || expired) this.#values.delete(name);
      else this.#values.set(name, value);
    }
  }

  header(): string {
    return [...this.#values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function visit(cookies: Cookies, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), cookie: cookies.header() },
    redirect: 'manual',
  });
  cookies.keep(response);
  return response;
}

/**
 * Signs `user` in at the dev provider the way the portal does: an authorization code flow with PKCE
 * through the provider's own login page (one form post as the user), then the code redeemed at the
 * token endpoint.
 */
export async function signInAtDevProvider(issuer: string, user: string): Promise<UserTokens> {
  const cookies = new Cookies();
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid profile email groups',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  let response = await visit(cookies, authorize.href);
  const interaction = new URL(response.headers.get('location')!, issuer).href;
  response = await visit(cookies, `${interaction}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user }),
  });
  // The provider resumes the authorization, then sends the browser back to the portal with a code.
  let location = new URL(response.headers.get('location')!, issuer);
  for (let hops = 0; !location.href.startsWith(REDIRECT_URI); hops += 1) {
    if (hops > 5 || ![302, 303].includes(response.status)) throw new Error(`sign-in stopped at HTTP ${response.status}`);
    response = await visit(cookies, location.href);
    location = new URL(response.headers.get('location')!, issuer);
  }
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`sign-in ended without a code: ${location.searchParams.get('error')}`);

  response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    }),
  });
  if (response.status !== 200) throw new Error(`the code was not redeemed: HTTP ${response.status}`);
  return (await response.json()) as UserTokens;
}
