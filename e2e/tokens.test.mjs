// Tokens per micro app: each frame holds a token for its own entity only, issued by the luigi
// backend; a micro app refuses another app's token; no frame can push a token into another.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, visit, waitForApp } from './portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

/** The frame (a Playwright Frame) showing the sample app `name`, once it completed its handshake. */
async function appFrame(name) {
  const element = await page.locator(`iframe[src^="${PORTAL.trustedOrigin}/apps/${name}/"]`).elementHandle();
  const frame = await element.contentFrame();
  await frame.locator('#status', { hasText: 'ready' }).waitFor();
  return frame;
}

async function tokenIn(frame) {
  return (await frame.locator('#token').textContent()).trim();
}

describe('a token per micro app', () => {
  test("an entity's views get its token, and a micro app refuses a token meant for another", async () => {
    await visit(page, '/catalog/default/component/orders/luigi', 'alice');
    const orders = await waitForApp(page, 'orders');
    await orders.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    assert.equal(claimsOf(await tokenIn(orders)).aud, 'component:default/orders');

    // Orders' "Stock" view is the Inventory micro app: it receives Orders' token, for Orders'
    // audience, and Inventory's own check refuses it (the layer the micro app adds).
    await page.getByTestId('luigi-entity-tab-orders~stock').click();
    const stock = await waitForApp(page, 'inventory', { path: '/apps/inventory/' });
    await stock.locator('#verify-status', { hasText: /^failed$/ }).waitFor();
    assert.equal(claimsOf(await tokenIn(stock)).aud, 'component:default/orders');
    assert.match(await stock.locator('#verify-error').textContent(), /aud/);
  });

  test("a frame posting a forged luigi.auth.tokenIssued changes no frame's token", async () => {
    await visit(page, '/luigi#/orders', 'alice');
    const orders = await appFrame('orders');
    await orders.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    // Orders opens Billing in a Luigi modal: two frames, two entities.
    // openAsModal's promise settles when the modal closes: not awaited here.
    await orders.evaluate(() => {
      window.LuigiClient.linkManager().openAsModal('/billing');
    });
    const billing = await appFrame('billing');
    await billing.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    const before = { orders: await tokenIn(orders), billing: await tokenIn(billing) };
    assert.equal(claimsOf(before.orders).aud, 'component:default/orders');
    assert.equal(claimsOf(before.billing).aud, 'component:default/billing');

    // Luigi core would pass both on to every frame; the plugin drops them.
    await billing.evaluate(() => {
      window.parent.postMessage({ msg: 'luigi.auth.tokenIssued', authData: { accessToken: 'forged-by-billing' } }, '*');
      window.parent.postMessage({ msg: 'luigi.auth.tokenIssued', authData: {} }, '*');
    });
    await orders.evaluate(() =>
      window.parent.postMessage({ msg: 'luigi.auth.tokenIssued', authData: { accessToken: 'forged-by-orders' } }, '*'),
    );
    // The sample apps read getToken() every second.
    await page.waitForTimeout(2500);
    assert.deepEqual({ orders: await tokenIn(orders), billing: await tokenIn(billing) }, before);
    // Luigi's other messages from the same frames still work: the modal closes on request.
    await billing.evaluate(() => {
      window.LuigiClient.uxManager().closeCurrentModal();
    });
    await page.waitForFunction(
      origin => ![...document.querySelectorAll('iframe')].some(frame => frame.src.startsWith(`${origin}/apps/billing/`)),
      PORTAL.trustedOrigin,
    );
  });
});
