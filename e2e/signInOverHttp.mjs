// Signing a dev portal user in over HTTP, without a browser: for tests that need a user's Backstage
// token for the backend's API (the replica test, the browser tests' RBAC grants).

/**
 * Signs `user` (a user of dev/oidc/users.mjs: 'alice' or 'bob') in through the portal at
 * `portalUrl` without a browser: the auth backend's `oidc` provider redirects to the dev OpenID
 * Connect provider, whose login form is posted as a person would click, and back to the auth
 * backend, whose refresh endpoint answers with the Backstage identity. Every request to the portal
 * goes through `portalUrl` (with the proxy: any replica, each step possibly another). Resolves to
 * the user's Backstage token.
 */
export async function userToken(portalUrl, user) {
  const jar = new CookieJar();
  const go = async (url, init = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: jar.header(url) },
    });
    jar.store(url, res);
    return res;
  };
  // 1. The auth backend starts the flow: nonce cookie, redirect to the provider.
  const scope = encodeURIComponent('openid profile email');
  let res = await go(`${portalUrl}/api/auth/oidc/start?env=development&scope=${scope}`);
  const started = res.headers.get('location');
  if (res.status !== 302 || !started) throw new Error(`sign-in did not start: ${res.status} ${await res.text()}`);
  let location = new URL(started, portalUrl).href;
  // 2. Follow the provider's redirects to its login page, post the user's button, follow back.
  for (let step = 0; step < 20; step++) {
    const url = new URL(location);
    if (url.pathname.endsWith('/api/auth/oidc/handler/frame')) {
      // 3. Back at the auth backend (through the proxy, so any replica): it sets the refresh cookie.
      const frame = await go(`${portalUrl}${url.pathname}${url.search}`);
      if (frame.status !== 200) throw new Error(`sign-in handler answered ${frame.status}: ${await frame.text()}`);
      // 4. The session's token, as the app asks for it.
      const refresh = await go(`${portalUrl}/api/auth/oidc/refresh?optional&env=development`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      if (refresh.status !== 200) throw new Error(`refresh answered ${refresh.status}: ${await refresh.text()}`);
      const session = await refresh.json();
      const token = session?.backstageIdentity?.token;
      if (!token) throw new Error('no Backstage token in the session');
      return token;
    }
    res = await go(url.href);
    if (res.status === 200 && /\/interaction\/[^/]+$/.test(url.pathname)) {
      // The login page: one submit button per user.
      res = await go(`${url.href}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user }).toString(),
      });
    }
    location = res.headers.get('location');
    if (!location) {
      throw new Error(`sign-in stopped at ${url.href} with ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    location = new URL(location, url).href;
  }
  throw new Error('sign-in did not finish within 20 redirects');
}

/** Just enough of a cookie jar for the sign-in flow: name=value per host, Path and Max-Age ignored. */
class CookieJar {
  #cookies = new Map();

  store(url, res) {
    const host = new URL(url).hostname;
    for (const line of res.headers.getSetCookie?.() ?? []) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(a => /^\s*max-age=0/i.test(a)) || value === '';
      const cookies = this.#cookies.get(host) ?? new Map();
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
      this.#cookies.set(host, cookies);
    }
  }

  header(url) {
    const cookies = this.#cookies.get(new URL(url).hostname);
    return cookies ? [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }
}
