// A normal visit logs nothing from the plugin or Luigi (issue 24): opening the micro apps page and
// switching between sample micro apps leaves no console error or warning. Before, every page open
// logged Luigi's "Luigi Core is not initialized yet" (its auth store read before setConfig).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { visit, waitForApp } from './portal.mjs';

let page;
const logged = [];
openSession(opened => {
  page = opened;
  page.on('console', message => {
    if (message.type() === 'error' || message.type() === 'warning') logged.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', error => logged.push(`pageerror: ${error.message}`));
});

/**
 * What the dev portal logs that is neither the plugin's nor Luigi's, each for its own reason; anything
 * else fails the test.
 */
const NOISE = [
  // The sign-in page's silent sign-in: the auth backend's refresh answers 401 before anyone signed in
  // (see visit() in portal.mjs). Only that status, only as a resource load.
  /^error: Failed to load resource: the server responded with a status of 401 \(Unauthorized\)$/,
  // React's development-build warnings about Backstage's own components (MUI v4's ButtonBase calls
  // findDOMNode; react-helmet's SideEffect uses componentWillMount), printed once per page load.
  /^error: Warning: findDOMNode is deprecated and will be removed in the next major release\./,
  /^error: Warning: Using UNSAFE_componentWillMount in strict mode is not recommended[\s\S]*SideEffect\(NullComponent\)/,
  // React Router 6's notices about its v7 flags, which the dev app (not the plugin) would opt in to.
  /^warning: ⚠️ React Router Future Flag Warning:/,
];

const unexplained = () => logged.filter(text => !NOISE.some(noise => noise.test(text)));

describe('console', () => {
  test('opening the page and switching between micro apps logs no error or warning', async () => {
    await visit(page, '/luigi', 'alice');
    await page.getByTestId('luigi-nav').waitFor();
    for (const name of ['orders', 'billing', 'inventory', 'orders', 'reports', 'billing']) {
      await page.getByTestId(`luigi-nav-${name}`).click();
      await waitForApp(page, name);
    }
    // Through the micro app's own navigation too (linkManager), and Back.
    const orders = await (async () => {
      await page.getByTestId('luigi-nav-orders').click();
      return waitForApp(page, 'orders');
    })();
    await orders.locator('#go-billing').click();
    await waitForApp(page, 'billing');
    await page.goBack();
    await waitForApp(page, 'orders');
    // Late messages (a context push after the last handshake) arrive within a moment.
    await page.waitForTimeout(2000);
    assert.deepEqual(unexplained(), []);
  });

  test('a fresh page load straight into a micro app logs none either', async () => {
    logged.length = 0;
    await visit(page, '/luigi#/inventory', 'alice');
    await waitForApp(page, 'inventory');
    await page.getByTestId('luigi-nav-billing').click();
    await waitForApp(page, 'billing');
    await page.waitForTimeout(2000);
    assert.deepEqual(unexplained(), []);
  });
});
