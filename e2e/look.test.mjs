// Micro apps follow the portal's look: Backstage's theme and the user's language reach them through
// Luigi's uxManager (getCurrentTheme, getCurrentLocale) and their context, and an open micro app
// follows a switch without reloading.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, contextOf, visit, waitForApp } from './portal.mjs';

let page;
const session = openSession(opened => {
  page = opened;
});

/** The portal page's background colour. */
const pageBackground = page => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(first, second) {
  const luminance = colour => {
    const [r, g, b] = colour.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map(channel => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

/** Colours of the alert a sample micro app raises (its "Show alert" button), dismissed after. */
async function alertColours(page, frame) {
  await frame.locator('#alert').click();
  const alert = page.getByTestId('luigi-alert').filter({ hasText: 'Hello from orders' });
  const colours = await alert.evaluate(element => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, text: style.color };
  });
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await alert.waitFor({ state: 'detached' });
  return colours;
}

/** What the sample micro app shows of the look: its uxManager's theme and locale, and its context's. */
async function lookIn(frame) {
  const context = await contextOf(frame);
  return {
    theme: await frame.locator('#current-theme').textContent(),
    locale: await frame.locator('#current-locale').textContent(),
    context: { theme: context.theme, locale: context.locale },
  };
}

describe("the portal's look in micro apps", () => {
  test("a micro app gets the theme picked on Backstage's settings page", async () => {
    await visit(page, '/luigi#/orders', 'alice');
    let frame = await waitForApp(page, 'orders');
    assert.deepEqual(await lookIn(frame), {
      theme: 'light',
      locale: 'en',
      context: { theme: { id: 'light', variant: 'light' }, locale: 'en' },
    });
    const lightAlert = await alertColours(page, frame);
    const lightBackground = await pageBackground(page);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: /^Dark/ }).click();
    await page.goBack();
    frame = await waitForApp(page, 'orders');
    await frame.locator('#current-theme', { hasText: /^dark$/ }).waitFor();
    assert.deepEqual((await lookIn(frame)).context.theme, { id: 'dark', variant: 'dark' });
    // The portal itself is dark too: the page behind the frame follows the same theme.
    const background = await pageBackground(page);
    assert.notEqual(background, lightBackground);

    // Luigi's own confirmation modal takes the theme's colours, not Fiori's white.
    const orders = page.frames().find(candidate => candidate.url().includes('/apps/orders/') && !candidate.isDetached());
    const answer = orders.evaluate(() =>
      LuigiClient.uxManager()
        .showConfirmationModal({ header: 'Discard?', body: 'The draft is lost.', buttonConfirm: 'Discard', buttonDismiss: 'Keep' })
        .then(() => 'confirmed', () => 'dismissed'),
    );
    const body = page.locator('[data-luigi-plugin-host] .fd-message-box__body', { hasText: 'The draft is lost.' });
    await body.waitFor();
    const colours = await body.evaluate(element => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, text: style.color };
    });
    assert.equal(colours.background, 'rgb(66, 66, 66)', "Backstage's dark paper");
    assert.equal(colours.text, 'rgb(255, 255, 255)');
    await page.getByRole('button', { name: 'Keep' }).click();
    assert.equal(await answer, 'dismissed');

    // Alerts keep the theme's status colours on the dark page: legible, and set off from the page.
    const darkAlert = await alertColours(page, frame);
    for (const [theme, colours] of [['light', lightAlert], ['dark', darkAlert]]) {
      assert.ok(contrast(colours.text, colours.background) >= 3, `${theme} alert text is legible: ${JSON.stringify(colours)}`);
    }
    assert.ok(contrast(darkAlert.background, background) >= 1.5, `the alert stands out from the dark page (${background})`);
  });

  test('an open micro app follows a switch of language and of theme in another tab, without reloading', async () => {
    await visit(page, '/luigi#/orders', 'alice');
    const frame = await waitForApp(page, 'orders');
    const loadId = await frame.locator('#load-id').textContent();
    const other = await session.browser.context.newPage();
    try {
      // Backstage keeps both choices in local storage and follows changes made in other tabs.
      await other.goto(`${PORTAL.baseUrl}/`);
      await other.evaluate(() => localStorage.setItem('language', 'de'));
      await frame.locator('#current-locale', { hasText: /^de$/ }).waitFor();
      assert.equal((await lookIn(frame)).context.locale, 'de');
      assert.equal(await frame.locator('#load-id').textContent(), loadId, 'the frame did not reload');
      // Luigi sets <html lang> to the locale; the portal's own stays.
      assert.notEqual(await page.evaluate(() => document.documentElement.getAttribute('lang')), 'de');

      // The dev portal's themes share one provider (dev/liveThemes.tsx), so Backstage keeps the app
      // mounted and the open micro app follows the theme too, without reloading. (With create-app's
      // default themes Backstage re-mounts the app: e2e/nfs/look.test.mjs.)
      const next = (await frame.locator('#current-theme').textContent()) === 'dark' ? 'light' : 'dark';
      const backgroundBefore = await pageBackground(page);
      await other.evaluate(theme => localStorage.setItem('theme', theme), next);
      await frame.locator('#current-theme', { hasText: new RegExp(`^${next}$`) }).waitFor();
      await frame.locator('#context', { hasText: `"${next}"` }).waitFor();
      assert.deepEqual((await lookIn(frame)).context, { theme: { id: next, variant: next }, locale: 'de' });
      assert.equal(await frame.locator('#load-id').textContent(), loadId, 'the frame did not reload');
      assert.notEqual(await pageBackground(page), backgroundBefore, 'the portal behind the frame switched too');
    } finally {
      await other.close();
    }
  });
});
