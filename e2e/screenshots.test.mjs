// The screenshots of the docs, taken from the dev portal as its users see it, after checking that
// the page shows what the picture is meant to show. `LUIGI_WRITE_SCREENSHOTS=1` writes them into
// docs/images/ (commit them); otherwise they go to a temporary folder, so a test run leaves the
// working tree alone, and the test checks that every picture it takes is in docs/images/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { mouseAway, navApps, visit, waitForApp } from './portal.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docsImages = join(root, 'docs/images');
const write = process.env.LUIGI_WRITE_SCREENSHOTS === '1';
const folder = write ? docsImages : mkdtempSync(join(tmpdir(), 'luigi-screenshots-'));
mkdirSync(folder, { recursive: true });
/** One size for every picture: wide enough for Backstage's sidebar beside the page. */
const VIEWPORT = { width: 1280, height: 760 };
/** Pictures the docs can show without making the repository heavy. */
const MAX_BYTES = 200 * 1024;

let page;
openSession(async opened => {
  page = opened;
  await page.setViewportSize(VIEWPORT);
});

/** Takes the viewport's picture `name` (no animation, no caret, the mouse off the sidebar). */
async function shoot(name) {
  await mouseAway(page);
  // Let what the last step started (a ripple, a fade-in) end before the picture.
  await page.waitForTimeout(500);
  const file = join(folder, name);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  const bytes = readFileSync(file);
  assert.equal(bytes.readUInt32BE(16), VIEWPORT.width, `${name} is ${VIEWPORT.width} px wide`);
  assert.equal(bytes.readUInt32BE(20), VIEWPORT.height, `${name} is ${VIEWPORT.height} px high`);
  assert.ok(bytes.length < MAX_BYTES, `${name} has ${bytes.length} bytes, fewer than ${MAX_BYTES}`);
  assert.ok(existsSync(join(docsImages, name)), `docs/images/${name} exists (LUIGI_WRITE_SCREENSHOTS=1 writes it)`);
}

describe('screenshots of the docs', () => {
  test('the micro apps page with Orders open, as alice', async () => {
    await visit(page, '/luigi#/orders', 'alice');
    const frame = await waitForApp(page, 'orders');
    await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    const apps = await navApps(page);
    for (const app of ['orders', 'inventory', 'billing', 'reports']) assert.ok(apps.includes(app), `the navigation lists ${app}`);
    assert.equal(await page.getByTestId('luigi-access-denied').count(), 0);
    await frame.locator('#app-name').scrollIntoViewIfNeeded();
    await shoot('micro-apps-page.png');
  });

  test("bob's deep link to Orders: the denied panel, its owner and the access request", async () => {
    await visit(page, '/luigi#/orders', 'bob');
    const panel = page.getByTestId('luigi-access-denied');
    await panel.waitFor();
    assert.match(await panel.textContent(), /You may not open Orders/);
    assert.equal(await page.getByTestId('luigi-access-owner').getByRole('link').getAttribute('href'), '/catalog/default/group/team-orders');
    await page.getByTestId('luigi-access-request').waitFor();
    assert.equal(await page.locator('iframe').count(), 0, 'no frame');
    await shoot('access-denied.png');
  });

  test("Orders' Micro frontend tab on its entity page, as alice", async () => {
    await visit(page, '/catalog/default/component/orders/luigi', 'alice');
    const frame = await waitForApp(page, 'orders', { path: '/apps/orders/' });
    await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    const tabs = page.getByTestId('luigi-entity-tabs').getByRole('tab');
    assert.deepEqual(await tabs.allTextContents(), ['Orders', 'Settings', 'Stock']);
    assert.equal(await page.getByRole('tab', { name: 'Micro frontend' }).getAttribute('aria-selected'), 'true');
    await shoot('entity-tab.png');
  });
});
