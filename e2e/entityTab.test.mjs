// Browser tests of the entity page tab (EntityLuigiContent) and the sidebar submenu (LuigiSidebarItem)
// against the dev portal, with real Luigi core and client.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, contextOf, hostState, microApp, mouseAway, untrustedRecords, visit, waitForApp } from './portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

const url = path => `${PORTAL.baseUrl}${path}`;
const ORDERS = '/catalog/default/component/orders';

/** Never more than the one micro app frame, wherever the user is. */
async function assertAtMostOneFrame(where) {
  assert.ok((await page.locator('iframe').count()) <= 1, `one iframe at most (${where})`);
}

async function openSubmenu() {
  // From elsewhere: a hover that starts where the mouse already is opens nothing.
  await mouseAway(page);
  await page.getByTestId('item-with-submenu').hover();
  const submenu = page.getByTestId('luigi-sidebar-submenu');
  await submenu.waitFor();
  return submenu;
}

describe('entity tab', () => {
  test('opens the entity first view with the entity and user in context, without a history entry', async () => {
    await visit(page, ORDERS);
    await page.getByTestId('dev-entity-overview').waitFor();
    await page.getByRole('tab', { name: 'Micro frontend' }).click();
    const frame = await waitForApp(page, 'orders', { path: '/apps/orders/' });
    assert.equal(page.url(), url(`${ORDERS}/luigi#/orders`));
    const context = await contextOf(frame);
    assert.equal(context.entity.ref, 'component:default/orders');
    assert.equal(context.entity.owner, 'group:default/team-orders');
    assert.equal(context.user.userEntityRef, 'user:default/alice');
    assert.match((await frame.locator('#token').textContent()).trim(), /^[\w-]+\.[\w-]+\.[\w-]+$/);
    // The empty tab address was replaced, so one Back returns to the overview.
    await page.goBack();
    await page.getByTestId('dev-entity-overview').waitFor();
    assert.equal(page.url(), url(ORDERS));
    assert.equal(await page.locator('iframe').count(), 0);
  });

  test('several views are tabs; Back and Forward move between them; a bad view is refused', async () => {
    const started = Date.now();
    await visit(page, `${ORDERS}/luigi`);
    await waitForApp(page, 'orders', { path: '/apps/orders/' });
    const tabs = page.getByTestId('luigi-entity-tabs').getByRole('tab');
    assert.deepEqual(await tabs.allTextContents(), ['Orders', 'Settings', 'Stock']);

    await page.getByTestId('luigi-entity-tab-orders~settings').click();
    let frame = await waitForApp(page, 'orders', { path: '/apps/orders/settings', timeout: 5_000 });
    assert.equal(page.url(), url(`${ORDERS}/luigi#/orders~settings`));
    assert.equal((await contextOf(frame)).entity.ref, 'component:default/orders');
    assert.equal(await page.getByTestId('luigi-entity-tab-orders~settings').getAttribute('aria-selected'), 'true');
    await page.getByTestId('luigi-entity-tab-orders~stock').click();
    frame = await waitForApp(page, 'inventory', { path: '/apps/inventory/' });
    assert.equal((await contextOf(frame)).entity.ref, 'component:default/orders', 'the entity, not the app');
    await assertAtMostOneFrame('after two tab changes');

    await page.goBack();
    await waitForApp(page, 'orders', { path: '/apps/orders/settings' });
    assert.equal(page.url(), url(`${ORDERS}/luigi#/orders~settings`));
    await page.goBack();
    await waitForApp(page, 'orders', { path: '/apps/orders/' });
    assert.equal(page.url(), url(`${ORDERS}/luigi#/orders`));
    await page.goForward();
    await waitForApp(page, 'orders', { path: '/apps/orders/settings' });
    await assertAtMostOneFrame('after Back and Forward');

    const diagnostics = page.getByTestId('luigi-diagnostics');
    await diagnostics.getByRole('button').first().click();
    assert.deepEqual(await page.getByTestId('luigi-rejected').allTextContents(), [
      'Untrusted (luigi-project.io/views): origin http://localhost:7200 is not in luigi.allowedOrigins',
    ]);
    const received = (await untrustedRecords()).filter(entry => entry.at >= started);
    assert.deepEqual(received, [], 'the untrusted origin received nothing');
  });

  test('moving between the entity tab and the page keeps one frame, and Back leaves the host untouched', async () => {
    await visit(page, '/home');
    await page.getByTestId('dev-home').waitFor();
    const before = await hostState(page);

    await page.getByTestId('dev-entity-orders').click();
    await page.getByTestId('dev-entity-overview').waitFor();
    await page.getByRole('tab', { name: 'Micro frontend' }).click();
    await waitForApp(page, 'orders', { path: '/apps/orders/' });
    await assertAtMostOneFrame('entity tab');

    // To the page through the sidebar submenu, at another app.
    const submenu = await openSubmenu();
    await submenu.getByRole('link', { name: 'Billing' }).click();
    await waitForApp(page, 'billing', { path: '/apps/billing/' });
    // The dev portal has tenants: the sidebar's links name the tenant shown (commerce).
    assert.equal(page.url(), url('/luigi?tenant=commerce#/billing'));
    await assertAtMostOneFrame('page');

    // And back to the tab, which still shows the entity's view.
    await page.goBack();
    await waitForApp(page, 'orders', { path: '/apps/orders/' });
    assert.equal(page.url(), url(`${ORDERS}/luigi#/orders`));
    await assertAtMostOneFrame('entity tab again');
    await page.goForward();
    await waitForApp(page, 'billing', { path: '/apps/billing/' });

    // Out of both: no frame, no Luigi root, the host's html and body as they were.
    await page.goBack();
    await waitForApp(page, 'orders', { path: '/apps/orders/' });
    await page.goBack();
    await page.getByTestId('dev-entity-overview').waitFor();
    assert.equal(page.url(), url(ORDERS), 'Luigi left the host URL alone');
    const after = await hostState(page);
    assert.equal(after.iframes, 0);
    assert.equal(after.luigiRoots, 0);
    assert.deepEqual(
      { ...after, iframes: undefined, luigiRoots: undefined },
      { ...before, iframes: undefined, luigiRoots: undefined },
    );
  });

  test('an entity without a micro frontend has no tab', async () => {
    await visit(page, '/catalog/default/component/plain-service');
    await page.getByTestId('dev-entity-overview').waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Micro frontend' }).count(), 0);
  });
});

describe('sidebar submenu', () => {
  test('lists the micro apps by category and opens one on the page already shown', async () => {
    await visit(page, '/luigi#/orders');
    await waitForApp(page, 'orders');
    const submenu = await openSubmenu();
    const categories = await submenu.getByRole('button').allTextContents();
    // alice may enter two tenants: the current one's apps by category, then the other tenant.
    assert.deepEqual(categories, ['Broken examples', 'Commerce', 'Finance', 'Other tenants']);
    const links = submenu.getByRole('link');
    const hrefs = await links.evaluateAll(anchors => anchors.map(a => [a.textContent, a.getAttribute('href')]));
    assert.deepEqual(hrefs.find(([label]) => label === 'Reports'), ['Reports', '/luigi?tenant=commerce#/reports']);
    assert.deepEqual(hrefs.find(([label]) => label === 'Logistics'), ['Logistics', '/luigi?tenant=logistics']);
    assert.equal(hrefs.some(([label]) => label === 'Shipments'), false, "no app of the other tenant is offered");
    assert.equal(hrefs.some(([label]) => label === 'Untrusted origin'), false, 'refused apps are not offered');

    await submenu.getByRole('link', { name: 'Reports' }).click();
    // At once, not whenever Luigi next happens to re-read the address.
    await waitForApp(page, 'reports', { path: '/apps/reports/', timeout: 5_000 });
    assert.equal(page.url(), url('/luigi#/reports'));
    await assertAtMostOneFrame('after opening from the submenu');
    await page.goBack();
    await waitForApp(page, 'orders');
  });
});
