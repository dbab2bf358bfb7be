// Identity end to end, signed in at the real local OIDC provider through the auth backend: each micro
// app's own token, issued by the luigi backend, verifies against the backend's keys with the app's
// audience, rotates without reloading frames, disappears on sign-out or a failed session refresh, and
// never reaches an origin outside the allowlist.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, contextOf, mouseAway, untrustedRecords, visit, waitForApp } from './portal.mjs';

let page;
const session = openSession(opened => {
  page = opened;
});

async function tokenIn(frame) {
  return (await frame.locator('#token').textContent()).trim();
}

function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('identity in micro apps', () => {
  test("each micro app holds its own token from the luigi backend, verified against the backend's keys", async () => {
    await visit(page, '/luigi#/orders');
    let frame = await waitForApp(page, 'orders');
    await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    const claims = JSON.parse(await frame.locator('#verified-claims').textContent());
    assert.equal(claims.sub, 'user:default/alice');
    assert.equal(claims.iss, `${PORTAL.backendUrl}/api/luigi`);
    assert.equal(claims.aud, 'component:default/orders');
    assert.equal(claims.app, 'component:default/orders');
    assert.deepEqual([...claims.ent].sort(), ['group:default/platform-admins', 'group:default/team-orders', 'user:default/alice']);
    const ordersToken = await tokenIn(frame);
    let context = await contextOf(frame);
    assert.equal(context.tokenStatus, 'valid');
    assert.equal(context.token, ordersToken);

    await page.getByTestId('luigi-nav-billing').click();
    frame = await waitForApp(page, 'billing');
    await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    assert.equal(JSON.parse(await frame.locator('#verified-claims').textContent()).aud, 'component:default/billing');
    assert.notEqual(await tokenIn(frame), ordersToken);
    context = await contextOf(frame);
    assert.equal(context.token, await tokenIn(frame));
  });

  test("signing in through the auth backend makes the provider's groups the user's catalog groups", async () => {
    // The catalog lists no memberships for alice and bob: these come from the ID token's groups.
    const expected = {
      alice: ['group:default/platform-admins', 'group:default/team-orders', 'user:default/alice'],
      bob: ['group:default/team-billing', 'user:default/bob'],
    };
    for (const [user, refs] of Object.entries(expected)) {
      // Billing: owned by team-billing, so both may open it.
      await visit(page, '/luigi#/billing', user);
      const context = await contextOf(await waitForApp(page, 'billing'));
      assert.equal(context.user.userEntityRef, `user:default/${user}`);
      assert.deepEqual([...context.user.ownershipEntityRefs].sort(), refs);
    }
  });

  test('a rotated token reaches the open micro app without reloading its frame', async () => {
    await visit(page, '/luigi#/billing');
    const frame = await waitForApp(page, 'billing');
    await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    const loadId = await frame.locator('#load-id').textContent();
    const first = await tokenIn(frame);
    const updatesBefore = Number(await frame.locator('#context-updates').textContent());

    // 60 s tokens (luigi.tokens.lifetime in the dev config), refreshed 30 s before expiry: a new one
    // arrives within about half a minute.
    await frame.locator('#verified-count', { hasText: '2' }).waitFor({ timeout: 60_000 });
    const second = await tokenIn(frame);
    assert.notEqual(second, first);
    assert.ok(claimsOf(second).exp > claimsOf(first).exp);
    assert.equal(await frame.locator('#verify-status').textContent(), 'verified');
    assert.equal(await frame.locator('#load-id').textContent(), loadId, 'the frame did not reload');
    const context = await contextOf(frame);
    assert.equal(context.token, second, 'the context update carries the new token');
    assert.ok(Number(await frame.locator('#context-updates').textContent()) > updatesBefore);
  });

  test('when a refresh fails, micro apps lose the token and the page offers to sign in', async () => {
    await visit(page, '/luigi#/orders');
    const frame = await waitForApp(page, 'orders');
    await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    // The auth backend refuses every further session refresh (as when the provider revoked it).
    const refresh = `${PORTAL.backendUrl}/api/auth/oidc/refresh**`;
    await page.route(refresh, route => route.fulfill({
      status: 401,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': PORTAL.baseUrl, 'access-control-allow-credentials': 'true' },
      body: JSON.stringify({ error: { name: 'AuthenticationError', message: 'refresh refused by the test' } }),
    }));
    try {
      const problem = page.getByTestId('luigi-token-problem');
      await problem.waitFor({ timeout: 60_000 });
      // The panel's own action, by its text: Backstage may open its own sign-in dialog over the page
      // as well, which hides the page (the panel included) from the accessibility tree meanwhile.
      await problem.locator('button', { hasText: /^sign in$/i }).waitFor();
      await frame.locator('#token', { hasText: /^none$/ }).waitFor();
      const context = await contextOf(frame);
      assert.equal(context.token, undefined);
      assert.notEqual(context.tokenStatus, 'valid');
    } finally {
      await page.unroute(refresh);
    }
  });

  test('after sign-out no micro app can read the old token', async () => {
    await visit(page, '/luigi#/orders');
    const frame = await waitForApp(page, 'orders');
    const old = await tokenIn(frame);
    await page.locator('nav[aria-label="sidebar nav"]').getByText('Sign out').click();
    // Backstage ends the session at the auth backend and reloads: the sign-in page, no frame left.
    await page.getByRole('button', { name: /^sign in$/i }).waitFor();
    assert.equal(await page.locator('iframe').count(), 0);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.equal(stored.includes(old), false, 'the token was never put in browser storage');
    const cookies = JSON.stringify(await session.browser.context.cookies());
    assert.equal(cookies.includes(old), false, 'nor in a cookie');

    // Signing in as someone else never shows the old token either.
    await visit(page, '/luigi#/billing', 'bob');
    const bobsFrame = await waitForApp(page, 'billing');
    await bobsFrame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    const claims = JSON.parse(await bobsFrame.locator('#verified-claims').textContent());
    assert.equal(claims.sub, 'user:default/bob');
    assert.notEqual(await tokenIn(bobsFrame), old);
  });

  test('an origin outside the allowlist never receives any token', async () => {
    // The recorder on the untrusted origin does record what reaches it: prove it first.
    await fetch(`${PORTAL.untrustedOrigin}/recorder/log`, { method: 'DELETE' });
    const probe = await session.browser.context.newPage();
    await probe.goto(`${PORTAL.untrustedOrigin}/recorder/`);
    await probe.locator('#app-name').waitFor();
    await probe.evaluate(() => window.postMessage({ msg: 'probe' }, '*'));
    await probe.waitForFunction(async origin => {
      const log = await (await fetch(`${origin}/recorder/log`)).json();
      return log.some(entry => entry.data?.msg === 'probe');
    }, PORTAL.untrustedOrigin);
    await probe.close();
    await fetch(`${PORTAL.untrustedOrigin}/recorder/log`, { method: 'DELETE' });

    // Browse everything the portal offers, including entities pointing at the untrusted origin.
    await visit(page, '/luigi#/orders');
    const frame = await waitForApp(page, 'orders');
    const token = await tokenIn(frame);
    await page.goto(`${PORTAL.baseUrl}/luigi#/untrusted-recorder`);
    await page.getByText('No micro app at this address').waitFor();
    await page.goBack();
    await waitForApp(page, 'orders');
    await page.goto(`${PORTAL.baseUrl}/catalog/default/component/orders/luigi`);
    await page.waitForTimeout(3000);

    const records = await untrustedRecords();
    assert.deepEqual(records, [], 'nothing at all reached the untrusted origin');
    assert.equal(JSON.stringify(records).includes(token), false);
  });
});
