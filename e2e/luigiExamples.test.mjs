// Luigi's own micro frontends, byte for byte from Luigi v2.31.0 (dev/microApps/upstream/luigi), as
// registered in the dev portal's `lab` tenant with their node settings
// (dev/catalog/lab-luigi-examples.yaml). What runs in a Luigi shell runs here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { contextOf, microApp, visit, waitForApp } from './portal.mjs';

const lab = name => `/luigi?tenant=lab#/component~lab~${name}`;
/** The dev config's luigi.loadTimeoutMs, after which a view that never answers shows "did not load". */
const LOAD_TIMEOUT_MS = 6000;

let page;
openSession(opened => {
  page = opened;
});

const viewState = () => page.getByTestId('luigi-view').getAttribute('data-state');

describe("Luigi's own micro frontends", () => {
  test('a view without the Luigi client, registered as such, stays shown and gets no error panel', async () => {
    await visit(page, lab('luigi-sample1'), 'alice');
    const frame = microApp(page);
    await frame.getByRole('heading', { name: 'Sample 1' }).waitFor();
    // Past the load timeout: a view waiting for a handshake would be replaced by the error panel now.
    await page.waitForTimeout(LOAD_TIMEOUT_MS + 2000);
    assert.equal(await page.getByTestId('luigi-view-failed').count(), 0);
    assert.equal(await viewState(), 'showing');
    assert.match(await frame.locator('.fd-panel').textContent(), /Luigi ipsum dolor sit amet/);
  });

  test('node settings from a document next to the catalog file (Backstage\'s $text placeholder) apply the same', async () => {
    await visit(page, lab('luigi-sample1-document'), 'alice');
    const frame = microApp(page);
    await frame.getByRole('heading', { name: 'Sample 1' }).waitFor();
    await page.waitForTimeout(LOAD_TIMEOUT_MS + 2000);
    assert.equal(await page.getByTestId('luigi-view-failed').count(), 0);
    assert.equal(await viewState(), 'showing');
  });

  test("a child node opens Luigi's client test page, which writes and reads the search parameters it is granted", async () => {
    await visit(page, `${lab('luigi-sample1')}/client-test`, 'alice');
    const frame = microApp(page);
    await frame.getByTestId('lui-add-search-params').click();
    // Luigi writes core search parameters into the portal URL's hash route.
    await page.waitForFunction(() => /[?&]q=test/.test(window.location.hash));
    assert.match(page.url(), /#\/component~lab~luigi-sample1\/client-test\?.*luigi=rocks/);
    await frame.getByTestId('lui-get-search-params').click();
    await frame.locator('#currentSearchParams', { hasText: 'test' }).waitFor();
    assert.deepEqual(JSON.parse(await frame.locator('#currentSearchParams').textContent()), {
      q: 'test',
      luigi: 'rocks',
      tets: 'tets',
    });
    assert.equal(await viewState(), 'showing');
    assert.equal(await page.getByTestId('luigi-alert').count(), 0, 'no refusal to report');
  });

  test('the same page without the grant changes no URL, reads nothing, and the portal says why', async () => {
    await visit(page, lab('luigi-client-test-ungranted'), 'alice');
    const frame = microApp(page);
    const before = page.url();
    await frame.getByTestId('lui-add-search-params').click();
    await frame.getByTestId('lui-get-search-params').click();
    await frame.locator('#currentSearchParams', { hasText: '{' }).waitFor();
    assert.equal(await frame.locator('#currentSearchParams').textContent(), '{}');
    assert.equal(page.url(), before);
    // Luigi only logs the refusal; the portal says it, as the micro app's warning.
    const warning = page.getByTestId('luigi-alert').filter({ hasText: 'clientPermissions.urlParameters' });
    await warning.waitFor();
    assert.equal(await warning.getAttribute('data-type'), 'warning');
    assert.equal(await warning.getAttribute('data-entity'), 'component:lab/luigi-client-test-ungranted');
  });

  test("an OpenMFP content configuration, as the team ships it: its texts, a view group's one frame, a child in a modal", async () => {
    const base = lab('openmfp-orders');
    await visit(page, `${base}/open`, 'alice');
    let frame = await waitForApp(page, 'openmfp-orders', { path: '/apps/openmfp-orders/open' });
    const context = await contextOf(frame);
    assert.equal(context.list, 'open', "the child's own context");
    assert.equal(context.entity.ref, 'component:lab/openmfp-orders');
    const loadId = await frame.locator('#load-id').textContent();

    // Open and closed orders share a view group: Luigi moves the same frame to the other view.
    const luigi = () => page.frames().find(candidate => candidate.url().includes('/apps/openmfp-orders/') && !candidate.isDetached());
    await luigi().evaluate(path => void LuigiClient.linkManager().navigate(path), '/component~lab~openmfp-orders/closed');
    await page.waitForURL(/openmfp-orders\/closed$/);
    frame = await waitForApp(page, 'openmfp-orders', { path: '/apps/openmfp-orders/closed' });
    assert.equal(await frame.locator('#load-id').textContent(), loadId, 'the frame was reused, not reloaded');
    await frame.locator('#context', { hasText: '"closed"' }).waitFor();

    // The app's node names a navigation context: relative paths from it, as in a Luigi shell.
    await luigi().evaluate(() => void LuigiClient.linkManager().fromContext('orders').navigate('/open'));
    await page.waitForURL(/openmfp-orders\/open$/);
    await luigi().evaluate(() => void LuigiClient.linkManager().fromClosestContext().navigate('/closed'));
    await page.waitForURL(/openmfp-orders\/closed$/);

    // The configuration's own node context, with its {{team}} text filled in, reaches the app's node.
    await visit(page, base, 'alice');
    frame = await waitForApp(page, 'openmfp-orders', { path: '/apps/openmfp-orders/' });
    assert.equal((await contextOf(frame)).team, 'Order management');

    // The portal's navigation lists the children as the shell's did, labelled from the texts;
    // `openNodeInModal`: the child opens over the app, titled from them too.
    const children = page.getByTestId('luigi-nav-children-component~lab~openmfp-orders');
    assert.deepEqual(await children.getByRole('link').allInnerTexts(), ['New order', 'Open orders', 'Closed orders']);
    assert.match(await children.innerText(), /Lists/);
    await children.getByRole('link', { name: 'New order' }).click();
    const modal = page.locator('[data-luigi-plugin-host] .iframeModalCtn');
    await modal.locator('iframe').waitFor();
    assert.match(await page.locator('[data-luigi-plugin-host]').innerText(), /New order/);
    assert.match(await modal.locator('iframe').getAttribute('src'), /\/apps\/openmfp-orders\/new$/);
    await page.frameLocator('[data-luigi-plugin-host] .iframeModalCtn iframe').locator('#verify-status', { hasText: /^verified$/ }).waitFor();
  });
});
