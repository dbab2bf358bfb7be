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
