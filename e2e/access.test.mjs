// Access on Backstage's permission framework, with the dev portal's RBAC roles (dev/permissions):
// platform admins open every micro app, teams those of the entities they own. alice is a platform
// admin; bob (team-billing) may open billing's apps only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, mouseAway, navApps, visit, waitForApp, writeGrants } from './portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

/** Every request the page makes to the micro apps' origin under `path`, from now on. */
function watchRequests(path) {
  const seen = [];
  const onRequest = request => {
    if (request.url().startsWith(`${PORTAL.trustedOrigin}${path}`)) seen.push(request.url());
  };
  page.on('request', onRequest);
  return { seen, stop: () => page.off('request', onRequest) };
}

describe('access to micro apps', () => {
  test('a policy change shows at the next page load, in navigation and in what the backend issues', async () => {
    await visit(page, '/luigi#/orders', 'bob');
    await page.getByTestId('luigi-access-denied').waitFor();
    assert.deepEqual(await navApps(page), ['billing', 'reports']);
    // An RBAC admin gives bob a role with the Orders team's apps; the next decision has it.
    await writeGrants([{ principal: 'user:default/bob', owner: 'group:default/team-orders' }]);
    try {
      // bob's next page load: a reload keeps him signed in (e2e/reload.test.mjs).
      await page.reload();
      const frame = await waitForApp(page, 'orders');
      assert.deepEqual(await navApps(page), [
        'billing', 'broken-404', 'broken-no-frame', 'broken-no-handshake', 'inventory', 'orders', 'reports',
      ]);
      await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
      const claims = JSON.parse(await frame.locator('#verified-claims').textContent());
      assert.equal(claims.sub, 'user:default/bob');
      assert.equal(claims.aud, 'component:default/orders');
    } finally {
      await writeGrants([]);
    }
    await visit(page, '/luigi#/orders', 'bob');
    await page.getByTestId('luigi-access-denied').waitFor();
    assert.equal(await page.locator('iframe').count(), 0);
  });

  test('alice and bob see the micro apps their access gives them', async () => {
    await visit(page, '/luigi', 'alice');
    assert.deepEqual(await navApps(page), [
      'billing', 'broken-404', 'broken-no-frame', 'broken-no-handshake', 'inventory', 'orders', 'reports',
    ]);
    await visit(page, '/luigi', 'bob');
    assert.deepEqual(await navApps(page), ['billing', 'reports']);
    // The sidebar offers bob the same, and nothing else.
    await page.getByTestId('item-with-submenu').hover();
    const submenu = page.getByTestId('luigi-sidebar-submenu');
    await submenu.waitFor();
    const items = await submenu.getByRole('link').allTextContents();
    assert.deepEqual(items.filter(text => ['Orders', 'Inventory', 'Billing', 'Reports'].includes(text)).sort(), ['Billing', 'Reports']);
    await mouseAway(page);
  });

  test("bob's deep link to Orders shows who owns it and how to ask, and no frame, no request", async () => {
    const requests = watchRequests('/apps/orders/');
    try {
      await visit(page, '/luigi#/orders', 'bob');
      const panel = page.getByTestId('luigi-access-denied');
      await panel.waitFor();
      assert.match(await panel.textContent(), /You may not open Orders/);
      const owner = page.getByTestId('luigi-access-owner').getByRole('link');
      assert.equal(await owner.getAttribute('href'), '/catalog/default/group/team-orders');
      const request = page.getByTestId('luigi-request-access');
      assert.equal(
        await request.getAttribute('href'),
        `https://access.example.com/request?app=${encodeURIComponent('component:default/orders')}&user=${encodeURIComponent('user:default/bob')}`,
      );
      await page.waitForTimeout(1000);
      assert.equal(await page.locator('iframe').count(), 0, 'no frame');
      assert.deepEqual(requests.seen, [], 'nothing reached the Orders micro app');
      // A micro app bob may open still works on the same page.
      await page.getByTestId('luigi-nav-billing').click();
      await waitForApp(page, 'billing');
    } finally {
      requests.stop();
    }
  });

  test("bob's entity tab for Orders is denied too; for Billing it opens", async () => {
    const requests = watchRequests('/apps/orders/');
    try {
      await visit(page, '/catalog/default/component/orders/luigi', 'bob');
      await page.getByTestId('luigi-access-denied').waitFor();
      assert.equal(await page.locator('iframe').count(), 0);
      assert.deepEqual(requests.seen, []);
    } finally {
      requests.stop();
    }
    await visit(page, '/catalog/default/component/billing/luigi', 'bob');
    await waitForApp(page, 'billing');
  });
});
