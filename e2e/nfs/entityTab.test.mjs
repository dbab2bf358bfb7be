// Browser tests of the new frontend system (`backstage-plugin-luigi/alpha`) against the dev portal
// started with `--new-frontend-system` (npm run start:nfs): the page with its sidebar item and the
// entity content, with real Luigi core and client. Run with that portal up:
//   node --test e2e/nfs/entityTab.test.mjs
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from '../session.mjs';
import { PORTAL, contextOf, hostState, microApp, visit, waitForApp } from '../portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

const url = path => `${PORTAL.baseUrl}${path}`;
const ORDERS = '/catalog/default/component/orders';

const entityTab = () => page.getByRole('tab', { name: 'Micro frontend' }).or(page.getByRole('link', { name: 'Micro frontend' }));

describe('new frontend system', () => {
  test('the page has a sidebar item from its title and icon', async () => {
    await visit(page, '/home');
    const item = page.getByRole('link', { name: 'Micro apps' }).first();
    assert.equal(await item.getAttribute('href'), '/luigi');
    await item.click();
    await page.getByTestId('luigi-nav').waitFor();
    await page.getByTestId('luigi-nav-orders').click();
    await waitForApp(page, 'orders');
    assert.equal(page.url(), url('/luigi#/orders'));
  });

  test('the entity content opens the first view with the entity in context; tabs and Back work', async () => {
    await visit(page, ORDERS);
    await entityTab().first().click();
    const frame = await waitForApp(page, 'orders', { path: '/apps/orders/' });
    assert.equal(page.url(), url(`${ORDERS}/luigi#/orders`));
    assert.equal(JSON.parse(await frame.locator('#context').textContent()).entity.ref, 'component:default/orders');

    await page.getByTestId('luigi-entity-tab-orders~settings').click();
    await waitForApp(page, 'orders', { path: '/apps/orders/settings', timeout: 5_000 });
    assert.equal(page.url(), url(`${ORDERS}/luigi#/orders~settings`));
    await page.goBack();
    await waitForApp(page, 'orders', { path: '/apps/orders/' });
    assert.equal(page.url(), url(`${ORDERS}/luigi#/orders`));
    await page.goBack();
    await page.waitForURL(url(ORDERS));
    assert.equal(await page.locator('iframe').count(), 0, 'the replaced address leaves no empty tab entry');
  });

  test('moving between the entity content and the page keeps one frame and leaves the host untouched', async () => {
    await visit(page, ORDERS);
    await entityTab().first().waitFor();
    const before = await hostState(page);
    await entityTab().first().click();
    await waitForApp(page, 'orders', { path: '/apps/orders/' });
    await page.getByRole('link', { name: 'Micro apps' }).first().click();
    await page.getByTestId('luigi-nav-billing').click();
    await waitForApp(page, 'billing');
    assert.equal(await page.locator('iframe').count(), 1);
    await page.goBack();
    await page.goBack();
    await waitForApp(page, 'orders', { path: '/apps/orders/' });
    assert.equal(page.url(), url(`${ORDERS}/luigi#/orders`));
    assert.equal(await page.locator('iframe').count(), 1);
    await page.goBack();
    await page.waitForURL(url(ORDERS));
    await entityTab().first().waitFor();
    assert.deepEqual(await hostState(page), before);
  });

  test('an entity without a micro frontend has no tab', async () => {
    await visit(page, '/catalog/default/component/plain-service');
    await page.getByRole('link', { name: 'Overview' }).or(page.getByRole('tab', { name: 'Overview' })).first().waitFor();
    assert.equal(await entityTab().count(), 0);
  });

  test("a bad registration's entity page shows the catalog module's reason in the catalog's own panel", async () => {
    await visit(page, '/catalog/default/component/untrusted-recorder');
    const problem = page.getByText(/Micro frontend not shown: luigi-project\.io\/view-url: .*origin http:\/\/localhost:7200 is not in luigi\.allowedOrigins/);
    await problem.first().waitFor();
  });
});
