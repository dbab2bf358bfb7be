// The portal's look in micro apps on the new frontend system: the theme picked on Backstage's
// settings page (@backstage/plugin-user-settings/alpha) reaches Luigi's uxManager and the context.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from '../session.mjs';
import { contextOf, visit, waitForApp } from '../portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

describe("the portal's look on the new frontend system", () => {
  test("a micro app gets the theme picked on Backstage's settings page", async () => {
    await visit(page, '/luigi#/orders');
    let frame = await waitForApp(page, 'orders');
    assert.equal(await frame.locator('#current-theme').textContent(), 'light');

    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('button', { name: /^Dark/ }).click();
    await page.goBack();
    frame = await waitForApp(page, 'orders');
    await frame.locator('#current-theme', { hasText: /^dark$/ }).waitFor();
    assert.deepEqual((await contextOf(frame)).theme, { id: 'dark', variant: 'dark' });
    assert.equal(await frame.locator('#current-locale').textContent(), 'en');
  });
});
