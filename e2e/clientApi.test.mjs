// Luigi client's API, called from a micro app (the dev portal's sample apps load the real Luigi
// client) inside the plugin's page: what each call does in the portal. The compatibility table of
// docs/micro-app-authors.md lists these. Luigi's own test pages: luigiExamples.test.mjs.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { visit, waitForApp } from './portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

/** The Playwright frame of a sample micro app, to call Luigi client in it. */
async function appFrame(name) {
  await waitForApp(page, name);
  return page.frames().find(frame => frame.url().includes(`/apps/${name}/`) && !frame.isDetached());
}

/** Calls Luigi client in a frame without waiting for what it returns (modals resolve only on close). */
const call = (frame, fn) => frame.evaluate(`void (${fn.toString()})()`);

const hostText = () => page.locator('[data-luigi-plugin-host]').innerText();
const frameSources = () => page.evaluate(() => [...document.querySelectorAll('iframe')].map(frame => new URL(frame.src).pathname));

describe("Luigi client's API in the portal", () => {
  let orders;
  beforeEach(async () => {
    await visit(page, '/luigi#/orders', 'alice');
    orders = await appFrame('orders');
  });

  test('linkManager: pathExists, withParams and node params, goBack, fromVirtualTreeRoot, newTab', async () => {
    assert.equal(await orders.evaluate(() => LuigiClient.linkManager().pathExists('/billing')), true);
    assert.equal(await orders.evaluate(() => LuigiClient.linkManager().pathExists('/nowhere')), false);

    await call(orders, () => LuigiClient.linkManager().withParams({ sort: 'date' }).navigate('/billing'));
    const billing = await appFrame('billing');
    assert.match(page.url(), /#\/billing\?~sort=date$/);
    assert.deepEqual(await billing.evaluate(() => LuigiClient.getNodeParams()), { sort: 'date' });

    await call(billing, () => LuigiClient.linkManager().goBack());
    await page.waitForURL(/#\/orders$/);
    const back = await appFrame('orders');

    const tab = page.context().waitForEvent('page');
    await call(back, () => LuigiClient.linkManager().newTab().navigate('/billing'));
    const opened = await tab;
    assert.match(opened.url(), /\/luigi#\/billing$/);
    await opened.close();

    await visit(page, '/luigi#/orders/invoices/42', 'alice');
    const deep = await appFrame('orders');
    await call(deep, () => LuigiClient.linkManager().fromVirtualTreeRoot().navigate('/customers'));
    await page.waitForURL(/#\/orders\/customers$/);
  });

  test('linkManager: openAsModal and openAsDrawer show the other micro app, with its own token', async () => {
    await call(orders, () => LuigiClient.linkManager().openAsModal('/inventory', { title: 'Stock' }));
    await page.locator('[data-luigi-plugin-host] .iframeModalCtn iframe').waitFor();
    assert.match(await hostText(), /Stock/);
    const modal = page.frameLocator('[data-luigi-plugin-host] .iframeModalCtn iframe');
    await modal.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    assert.equal(JSON.parse(await modal.locator('#verified-claims').textContent()).aud, 'component:default/inventory');
    const inventory = page.frames().find(frame => frame.url().includes('/apps/inventory/'));
    await call(inventory, () => LuigiClient.uxManager().closeCurrentModal());
    await page.locator('[data-luigi-plugin-host] .iframeModalCtn').waitFor({ state: 'detached' });
    assert.deepEqual(await frameSources(), ['/apps/orders/']);

    await call(orders, () => LuigiClient.linkManager().openAsDrawer('/reports'));
    await page.waitForFunction(() => [...document.querySelectorAll('iframe')].some(frame => frame.src.includes('/apps/reports/')));
  });

  test('linkManager: openAsSplitView shows the other micro app below, with its own token, until closed', async () => {
    await orders.evaluate(() => {
      window.split = LuigiClient.linkManager().openAsSplitView('/billing', { title: 'Invoices', size: 40 });
    });
    const split = page.locator('[data-luigi-plugin-host] #splitViewContainer');
    await split.locator('iframe').waitFor();
    assert.match(await split.locator('iframe').getAttribute('src'), /\/apps\/billing\/$/);
    const billing = page.frameLocator('[data-luigi-plugin-host] #splitViewContainer iframe');
    await billing.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    assert.equal(JSON.parse(await billing.locator('#verified-claims').textContent()).aud, 'component:default/billing');
    assert.match(page.url(), /#\/orders$/, 'the page stays at the app that opened the split view');
    // Luigi's collapse handle folds it to its title.
    await page.locator('[data-luigi-plugin-host] #splitViewDragger [aria-label=Collapse]').click();
    await split.locator('.fd-splitView__title', { hasText: 'Invoices' }).waitFor();

    await orders.evaluate(() => window.split.close());
    await page.waitForFunction(() => ![...document.querySelectorAll('iframe')].some(frame => frame.src.includes('/apps/billing/')));
    assert.deepEqual(await frameSources(), ['/apps/orders/']);
  });

  test('uxManager: confirmation modal, backdrop, loading indicator, unsaved-changes prompt', async () => {
    const answer = orders.evaluate(() =>
      LuigiClient.uxManager()
        .showConfirmationModal({ header: 'Delete order?', body: 'It cannot be undone.', buttonConfirm: 'Delete', buttonDismiss: 'Keep' })
        .then(() => 'confirmed', () => 'dismissed'),
    );
    await page.getByRole('button', { name: 'Delete' }).click();
    assert.equal(await answer, 'confirmed');

    const backdrops = () => page.locator('[data-luigi-plugin-host] [class*=backdrop]').count();
    await call(orders, () => LuigiClient.uxManager().addBackdrop());
    await page.waitForFunction(() => document.querySelectorAll('[data-luigi-plugin-host] [class*=backdrop]').length > 0);
    await call(orders, () => LuigiClient.uxManager().removeBackdrop());
    await page.waitForFunction(() => document.querySelectorAll('[data-luigi-plugin-host] [class*=backdrop]').length === 0);
    assert.equal(await backdrops(), 0);

    await call(orders, () => LuigiClient.uxManager().showLoadingIndicator());
    await page.waitForFunction(() => document.querySelectorAll('[data-luigi-plugin-host] [class*=spinnerContainer]').length > 0);
    await call(orders, () => LuigiClient.uxManager().hideLoadingIndicator());

    await call(orders, () => LuigiClient.uxManager().setDirtyStatus(true));
    await call(orders, () => LuigiClient.linkManager().navigate('/billing'));
    await page.getByText('Unsaved changes will be lost. Do you want to continue?').waitFor();
    assert.match(page.url(), /#\/orders$/, 'the micro app stays until the user decides');
    await page.getByRole('button', { name: 'Yes' }).click();
    await appFrame('billing');
  });

  test('storage and feature toggles', async () => {
    await orders.evaluate(() => LuigiClient.storageManager().setItem('draft', 'order 42'));
    assert.equal(await orders.evaluate(() => LuigiClient.storageManager().getItem('draft')), 'order 42');
    // Luigi keeps it in the portal's local storage, under the micro app's origin.
    assert.equal(await page.evaluate(() => localStorage.getItem('Luigi#localhost:7100#draft')), 'order 42');
    await orders.evaluate(() => LuigiClient.storageManager().removeItem('draft'));
    assert.deepEqual(await orders.evaluate(() => LuigiClient.getActiveFeatureToggles()), []);
  });
});
