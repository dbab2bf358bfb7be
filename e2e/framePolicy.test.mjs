// What a micro app frame may do, in real Chromium: it learns nothing of the portal's URL (referrer
// policy), cannot navigate the portal (sandbox without top navigation), and gets no browser feature
// the admin did not grant (Permissions Policy).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, visit, waitForApp } from './portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

describe('micro app frames', () => {
  test("get no referrer, the default sandbox and no browser features", async () => {
    await visit(page, '/luigi#/orders');
    const app = await waitForApp(page, 'orders');
    const attributes = await page.locator('[data-testid="luigi-container"] iframe').evaluate(frame => ({
      referrerPolicy: frame.getAttribute('referrerpolicy'),
      sandbox: frame.getAttribute('sandbox').split(' ').sort(),
      allow: frame.getAttribute('allow'),
    }));
    assert.deepEqual(attributes, {
      referrerPolicy: 'no-referrer',
      sandbox: ['allow-forms', 'allow-modals', 'allow-popups', 'allow-popups-to-escape-sandbox', 'allow-same-origin', 'allow-scripts'],
      allow: null,
    });
    // The request for the micro app carried no referrer, so its document has none.
    const inside = await app.locator('body').evaluate(() => ({
      referrer: document.referrer,
      camera: document.featurePolicy?.allowsFeature('camera'),
      clipboard: document.featurePolicy?.allowsFeature('clipboard-write'),
    }));
    assert.deepEqual(inside, { referrer: '', camera: false, clipboard: false });
  });

  test("get what their entity asks for within luigi.frames, and an entity asking for more is refused", async () => {
    // The catalog as the page reads it, with Orders asking for what the dev config grants and
    // Billing for a feature it does not.
    const query = url => url.pathname === '/api/catalog/entities' && url.search.includes('luigi-project.io');
    await page.route(query, async route => {
      const response = await route.fetch();
      const entities = await response.json();
      for (const entity of entities) {
        const annotations = entity.metadata.annotations;
        if (entity.metadata.name === 'orders') {
          annotations['luigi-project.io/frame-allow'] = 'clipboard-write';
          annotations['luigi-project.io/frame-sandbox'] = 'allow-downloads';
        }
        if (entity.metadata.name === 'billing') annotations['luigi-project.io/frame-allow'] = 'camera';
      }
      await route.fulfill({ response, json: entities });
    });
    try {
      await visit(page, '/luigi#/orders');
      const app = await waitForApp(page, 'orders');
      const frame = page.locator('[data-testid="luigi-container"] iframe');
      assert.equal(await frame.getAttribute('allow'), "clipboard-write 'src'");
      assert.ok((await frame.getAttribute('sandbox')).split(' ').includes('allow-downloads'));
      const inside = await app.locator('body').evaluate(() => ({
        clipboard: document.featurePolicy?.allowsFeature('clipboard-write'),
        camera: document.featurePolicy?.allowsFeature('camera'),
      }));
      assert.deepEqual(inside, { clipboard: true, camera: false });
      // Billing asked for the camera: not in the navigation, listed with the reason.
      assert.equal(await page.getByTestId('luigi-nav-billing').count(), 0);
      const refused = await page.getByTestId('luigi-rejected').allTextContents();
      assert.ok(refused.some(text => /Billing.*"camera".*luigi\.frames\.allow/s.test(text)), refused.join('\n'));
    } finally {
      await page.unroute(query);
    }
  });

  test('cannot navigate the portal away', async () => {
    await visit(page, '/luigi#/orders');
    const app = await waitForApp(page, 'orders');
    const before = page.url();
    await app.locator('body').evaluate(target => {
      try {
        window.top.location.href = target;
      } catch {
        // Blocked by the sandbox: what the test wants.
      }
    }, `${PORTAL.untrustedOrigin}/recorder/`);
    await page.waitForTimeout(1000);
    assert.equal(page.url(), before);
    await waitForApp(page, 'orders');
  });
});
