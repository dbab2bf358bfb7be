// Tenants: the dev portal has two, by catalog namespace: `commerce` (namespace default) and
// `logistics` (namespace logistics, the Shipments app). alice (platform-admins) may enter both, bob
// only commerce. A user sees and opens only the apps of the tenant shown, whether by navigation or
// by URL, and switching drops every frame and token of the tenant left.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, contextOf, navApps, visit, waitForApp } from './portal.mjs';

/** Shipments' path in Luigi: an entity outside the default namespace is named by its full ref. */
const SHIPMENTS = 'component~logistics~shipments';

let page;
openSession(opened => {
  page = opened;
});

function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

async function tokenIn(frame) {
  return (await frame.locator('#token').textContent()).trim();
}

/** The src of every iframe on the page. */
function frameSources() {
  return page.evaluate(() => [...document.querySelectorAll('iframe')].map(frame => frame.src));
}

describe('tenants', () => {
  test('bob enters only commerce: no switcher, and a link to logistics shows the denied panel', async () => {
    await visit(page, '/luigi#/billing', 'bob');
    const billing = await waitForApp(page, 'billing');
    await billing.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    assert.equal((await contextOf(billing)).tenant?.id, 'commerce');
    assert.equal(claimsOf(await tokenIn(billing)).tenant, 'commerce');
    assert.equal(await page.getByTestId('luigi-tenant-switcher').count(), 0);
    assert.ok(!(await navApps(page)).includes(SHIPMENTS), 'no app of logistics is listed');

    // A shared link to a tenant bob may not enter: the denied panel, no frame, no logistics app.
    await visit(page, '/luigi?tenant=logistics#/component~logistics~shipments', 'bob');
    const denied = page.getByTestId('luigi-tenant-denied');
    await denied.waitFor();
    assert.match(await denied.textContent(), /logistics/);
    await page.waitForTimeout(1500);
    assert.deepEqual(await frameSources(), []);
    assert.equal(await page.getByTestId('luigi-nav-component~logistics~shipments').count(), 0);

    // The entity page of a logistics app: the tab refuses it for its tenant.
    await visit(page, '/catalog/logistics/component/shipments/luigi', 'bob');
    await page.getByText(/may not enter/i).first().waitFor();
    assert.ok(!(await frameSources()).some(src => src.includes('/apps/shipments/')));
  });

  test('alice switches tenants: the URL names the tenant and nothing of the one left stays', async () => {
    await visit(page, '/luigi#/orders', 'alice');
    const orders = await waitForApp(page, 'orders');
    await orders.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    assert.equal((await contextOf(orders)).tenant?.id, 'commerce');
    const commerceToken = await tokenIn(orders);
    assert.equal(claimsOf(commerceToken).tenant, 'commerce');
    assert.ok(!(await navApps(page)).includes(SHIPMENTS), 'commerce lists no logistics app');

    // Switch to logistics in the page's switcher.
    await page.getByTestId('luigi-tenant-switcher').selectOption({ label: 'Logistics' });
    await page.waitForURL(url => new URL(url).searchParams.get('tenant') === 'logistics');
    await page.waitForFunction(() => ![...document.querySelectorAll('iframe')].some(f => f.src.includes('/apps/orders/')));
    assert.deepEqual(await navApps(page), [SHIPMENTS]);

    await page.getByTestId('luigi-nav-component~logistics~shipments').click();
    const shipments = await waitForApp(page, 'shipments');
    await shipments.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    const claims = claimsOf(await tokenIn(shipments));
    assert.equal(claims.tenant, 'logistics');
    assert.equal(claims.aud, 'component:logistics/shipments');
    assert.equal((await contextOf(shipments)).tenant?.id, 'logistics');
    assert.ok((await frameSources()).every(src => src.includes('/apps/shipments/')), 'only the logistics frame is left');

  });

  test("an app registered in commerce with logistics' token audience is refused, and the page says why", async () => {
    // shipments-in-commerce registers the Shipments app in commerce with Shipments' own audience: a
    // token for it would be one that Shipments takes for its own. alice may enter both tenants and
    // open every app, so nothing but the claim stands in the way.
    const framed = [];
    const onFrame = frame => framed.push(frame.url());
    page.on('framenavigated', onFrame);
    try {
      await visit(page, '/luigi#/shipments-in-commerce', 'alice');
      await page.getByText('No micro app at this address').waitFor();
      assert.ok(!(await navApps(page)).includes('shipments-in-commerce'), 'not in the navigation');
      const diagnostics = page.getByTestId('luigi-diagnostics');
      await diagnostics.getByRole('button').first().click();
      const items = await page
        .getByTestId('luigi-rejected')
        .filter({ hasText: '(component:default/shipments-in-commerce)' })
        .allTextContents();
      assert.equal(items.length, 1, items.join('\n'));
      assert.match(
        items[0],
        /gets no token: luigi-project\.io\/token-audience: the token audience "component:logistics\/shipments" belongs to component:logistics\/shipments/,
      );
      await page.waitForTimeout(1500);
    } finally {
      page.off('framenavigated', onFrame);
    }
    assert.deepEqual(framed.filter(url => url.includes('/apps/shipments/')), [], 'Shipments was not framed in commerce');
    assert.deepEqual(await frameSources(), []);
  });

  test("by URL, a tenant shows only its own apps: commerce's path in logistics opens nothing", async () => {
    await visit(page, '/luigi?tenant=logistics#/orders', 'alice');
    assert.deepEqual(await navApps(page), [SHIPMENTS]);
    await page.waitForTimeout(2000);
    assert.ok(!(await frameSources()).some(src => src.includes('/apps/orders/')), 'no commerce frame in logistics');
  });
});
