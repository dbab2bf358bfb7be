// A reload keeps the user signed in, also when a session refresh's answer (and with it the cookie
// holding the rotated refresh token) never reached the page, and when refreshes overlap. Both used
// to end in the auth backend's refresh answering 401 and the sign-in page after the reload: the
// provider took the repeated refresh token for a stolen one and revoked the grant.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, visit } from './portal.mjs';

let page;
const session = openSession(opened => {
  page = opened;
});

const REFRESH_URL = `${PORTAL.backendUrl}/api/auth/oidc/refresh?optional&env=development`;

/** The browser's cookies for the auth backend's refresh, as a Cookie header. */
async function refreshCookies() {
  const cookies = await session.browser.context.cookies(REFRESH_URL);
  assert.ok(cookies.some(cookie => cookie.name === 'oidc-refresh-token'), 'no refresh token cookie');
  return cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
}

/** Reloads, and checks the portal signs the user in again silently. */
async function reloadStaysSignedIn() {
  await page.reload();
  await page.getByTestId('luigi-nav').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('button', { name: /^sign in$/i }).count(), 0);
}

describe('session across reloads', () => {
  test('a refresh whose answer the page never got does not sign the user out', async () => {
    await visit(page, '/luigi', 'bob');
    // The refresh a reload cuts off: it reaches the backend with the page's cookies, the provider
    // rotates the refresh token, and the new cookie in the answer is dropped. The page keeps the old one.
    const response = await fetch(REFRESH_URL, {
      headers: { 'x-requested-with': 'XMLHttpRequest', cookie: await refreshCookies() },
    });
    assert.equal(response.status, 200, await response.text());
    await reloadStaysSignedIn();
    await reloadStaysSignedIn();
  });

  test('overlapping refreshes (a page script next to the app), then a reload', async () => {
    await visit(page, '/luigi', 'bob');
    const statuses = await page.evaluate(url => Promise.all([1, 2].map(() => fetch(url, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
      credentials: 'include',
    }).then(response => response.status))), REFRESH_URL);
    assert.deepEqual(statuses, [200, 200]);
    await reloadStaysSignedIn();
  });
});
