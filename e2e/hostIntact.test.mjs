// The host app stays intact: leaving and coming back, StrictMode and fast switching leave one Luigi
// app and one frame, no listener growth, the host's styles and DOM as they were.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, mouseAway, visit, waitForApp } from './portal.mjs';

let page;
let cdp;
const session = openSession(async opened => {
  page = opened;
  cdp = await session.browser.context.newCDPSession(page);
});

/** Event listeners on `window` and `document`, as DevTools counts them. */
async function listenerCounts() {
  const count = async expression => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
    return listeners.length;
  };
  return { window: await count('window'), document: await count('document') };
}

/** What Luigi could change on the host: live Luigi apps, frames, roots, html/body marks. */
async function luigiFootprint() {
  return page.evaluate(() => ({
    iframes: document.querySelectorAll('iframe').length,
    roots: document.querySelectorAll('[luigi-app-root]').length,
    apps: document.querySelectorAll('[luigi-app-root] .iframeContainer').length,
    htmlClass: document.documentElement.className,
    bodyClass: document.body.className,
    lang: document.documentElement.lang,
  }));
}

const STYLE_PROPS = [
  'position', 'overflow', 'font-family', 'font-size', 'line-height', 'box-sizing', 'color',
  'background-color', 'margin', 'padding', 'height', 'display',
];

/** Computed styles of html, body and the Backstage sidebar, plus the host DOM outside the app. */
async function hostStyles() {
  return page.evaluate(props => {
    const pick = el => Object.fromEntries(props.map(p => [p, getComputedStyle(el).getPropertyValue(p)]));
    const sidebar = document.querySelector('nav[aria-label="sidebar nav"]');
    return {
      html: pick(document.documentElement),
      body: pick(document.body),
      sidebar: pick(sidebar.firstElementChild),
      // An item that is not the current page's, so selection does not change its colour.
      sidebarItem: pick(sidebar.querySelector('a[href="/catalog"]')),
      bodyChildren: [...document.body.children].map(el => `${el.tagName}#${el.id}.${el.className}`),
      htmlAttributes: [...document.documentElement.attributes].map(a => `${a.name}=${a.value}`),
      bodyAttributes: [...document.body.attributes].map(a => `${a.name}=${a.value}`),
    };
  }, STYLE_PROPS);
}

async function goHome() {
  await page.locator('nav[aria-label="sidebar nav"] a[href="/home"]').click();
  await mouseAway(page);
  await page.getByTestId('dev-home').waitFor();
}

describe('host app stays intact', () => {
  test('html, body and the sidebar look the same before, during and after the Luigi view', async () => {
    await visit(page, '/home');
    await page.getByTestId('dev-home').waitFor();
    await mouseAway(page);
    const before = await hostStyles();

    await page.locator('nav[aria-label="sidebar nav"] a[href^="/luigi"]').first().click();
    await mouseAway(page);
    await page.getByTestId('luigi-nav-orders').click();
    await waitForApp(page, 'orders');
    const during = await hostStyles();
    assert.deepEqual(
      { html: during.html, body: during.body, sidebar: during.sidebar, sidebarItem: during.sidebarItem },
      { html: before.html, body: before.body, sidebar: before.sidebar, sidebarItem: before.sidebarItem },
    );
    assert.deepEqual(during.htmlAttributes, before.htmlAttributes);
    assert.deepEqual(during.bodyAttributes, before.bodyAttributes);

    await goHome();
    const afterLeaving = await hostStyles();
    assert.deepEqual(afterLeaving, before, 'nothing of Luigi is left on the host page');
    assert.deepEqual(await luigiFootprint(), {
      iframes: 0, roots: 0, apps: 0, htmlClass: '', bodyClass: '', lang: before.htmlAttributes.find(a => a.startsWith('lang='))?.slice(5) ?? '',
    });
  });

  test('50 leave-and-return cycles keep one Luigi app, one frame and the same listeners', async () => {
    await visit(page, '/luigi#/orders');
    await waitForApp(page, 'orders');
    await goHome();
    await page.goBack();
    await waitForApp(page, 'orders');

    let baseline;
    const loadIds = new Set();
    for (let cycle = 1; cycle <= 50; cycle++) {
      await goHome();
      assert.equal((await luigiFootprint()).iframes, 0, `no frame left on the home page (cycle ${cycle})`);
      await page.goBack();
      const frame = await waitForApp(page, 'orders');
      loadIds.add(await frame.locator('#load-id').textContent());
      const footprint = await luigiFootprint();
      assert.deepEqual(
        { iframes: footprint.iframes, roots: footprint.roots, apps: footprint.apps },
        { iframes: 1, roots: 1, apps: 1 },
        `cycle ${cycle}`,
      );
      assert.equal(page.url(), `${PORTAL.baseUrl}/luigi#/orders`);
      const listeners = await listenerCounts();
      baseline ??= listeners;
      assert.deepEqual(listeners, baseline, `listeners stable at cycle ${cycle}`);
    }
    assert.equal(loadIds.size, 50, 'each return loads the micro app afresh, and it always says hello');
  });

  test('fast switching settles on one working micro app', async () => {
    await visit(page, '/luigi#/orders');
    await waitForApp(page, 'orders');
    await page.getByTestId('luigi-nav-billing').click();
    await page.getByTestId('luigi-nav-reports').click();
    await page.getByTestId('luigi-nav-inventory').click();
    await page.locator('nav[aria-label="sidebar nav"] a[href="/home"]').click();
    await page.goBack();
    await page.goBack();
    await page.goForward();
    await mouseAway(page);
    await waitForApp(page, 'inventory');
    const footprint = await luigiFootprint();
    assert.deepEqual(
      { iframes: footprint.iframes, roots: footprint.roots, apps: footprint.apps },
      { iframes: 1, roots: 1, apps: 1 },
    );
    assert.equal(page.url(), `${PORTAL.baseUrl}/luigi#/inventory`);
  });
});
