// What portal users see when a service the micro apps page needs fails: the catalog (500, slow),
// the luigi backend's token route (500, refusing with 403, timing out) and the sign-in behind the
// token source. Faults are made with request interception; each shows a plain panel (no stack
// trace), the page does not crash or spin forever, and Retry works once the fault is gone (a refusal
// gets the backend's reason instead, since retrying cannot change it).
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, visit, waitForApp } from './portal.mjs';

/** No stack frame, no source file: what a user must never be shown. */
const STACK = /\bat \S+ \(|\.tsx?:\d+|webpack|node_modules/;

let page;
/** Errors thrown on the portal page itself. */
let hostErrors = [];
openSession(opened => {
  page = opened;
  page.on('pageerror', error => hostErrors.push(error.message));
});

afterEach(async () => {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  hostErrors = [];
});

/** The CORS headers the backend sends the portal (another origin), so the browser reads the answer. */
const CORS = { 'access-control-allow-origin': PORTAL.baseUrl, 'access-control-allow-credentials': 'true' };

/** Answers as a failing Backstage backend does: a JSON error body with the status. */
const fail = (route, status = 500, error = { name: 'Error', message: 'failure injected by the test' }) =>
  route.fulfill({
    status,
    contentType: 'application/json',
    headers: CORS,
    body: JSON.stringify({ error, response: { statusCode: status } }),
  });

/** The catalog request of the micro apps page (and sidebar): annotated entities only. */
const microAppQuery = url => url.pathname === '/api/catalog/entities' && url.search.includes('luigi-project.io');
/** The luigi backend's token route. */
const tokenRoute = url => url.pathname === '/api/luigi/tokens';

async function pageText() {
  return page.locator('main, body').first().textContent();
}

describe('failure panels', () => {
  test('the catalog answering 500: a plain panel, and Retry loads the micro apps once it answers', async () => {
    await page.route(microAppQuery, route => fail(route));
    await visit(page, '/luigi', 'alice');
    const panel = page.getByTestId('luigi-catalog-error');
    await panel.waitFor();
    assert.match(await panel.textContent(), /Could not load the micro apps/);
    assert.match(await page.getByTestId('luigi-failure-detail').textContent(), /HTTP 500/);
    assert.doesNotMatch(await pageText(), STACK);

    await page.unroute(microAppQuery);
    await page.getByTestId('luigi-catalog-retry').click();
    await page.getByTestId('luigi-nav-orders').waitFor();
    assert.equal(await panel.count(), 0);
    assert.deepEqual(hostErrors, []);
  });

  test('a slow catalog: the page says it is waiting, then shows the micro apps', async () => {
    await page.route(microAppQuery, async route => {
      await new Promise(resolve => setTimeout(resolve, 9000));
      await route.continue().catch(() => {});
    });
    await visit(page, '/luigi', 'alice');
    const slow = page.getByTestId('luigi-slow');
    await slow.waitFor({ timeout: 15_000 });
    assert.match(await slow.textContent(), /Still loading the micro apps/);
    assert.equal(await page.getByTestId('luigi-slow-reload').count(), 1);
    await page.getByTestId('luigi-nav-orders').waitFor({ timeout: 20_000 });
    assert.equal(await slow.count(), 0);
    assert.equal(await page.getByTestId('luigi-catalog-error').count(), 0);
  });

  test('the token route answering 500: the app opens without a token, and Retry gets it one', async () => {
    await page.route(tokenRoute, route => fail(route));
    await visit(page, '/luigi#/orders', 'alice');
    const problem = page.getByTestId('luigi-app-token-problem');
    await problem.waitFor();
    // Named by its title; a 500 can pass, so Retry is offered.
    assert.match(await problem.textContent(), /The micro app "Orders" received no token/);
    assert.match(await problem.textContent(), /HTTP 500/);
    assert.doesNotMatch(await pageText(), STACK);
    const frame = await waitForApp(page, 'orders');
    assert.equal((await frame.locator('#token').textContent()).trim(), 'none');

    await page.unroute(tokenRoute);
    await page.getByTestId('luigi-token-retry').click();
    const again = await waitForApp(page, 'orders');
    await again.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    assert.equal(await problem.count(), 0);
    assert.deepEqual(hostErrors, []);
  });

  test("the token route refusing (403): the panel gives the backend's reason and offers no Retry", async () => {
    // As the luigi backend words a refusal that only a change of the registration undoes.
    const reason =
      'component:default/orders gets no token: luigi-project.io/token-audience: the token audience ' +
      '"component:default/billing" belongs to component:default/billing';
    await page.route(tokenRoute, route => fail(route, 403, { name: 'NotAllowedError', message: reason }));
    await visit(page, '/luigi#/orders', 'alice');
    const problem = page.getByTestId('luigi-app-token-problem');
    await problem.waitFor();
    assert.match(await problem.textContent(), /The micro app "Orders" received no token/);
    assert.match(await problem.textContent(), /Retrying will not change that/);
    assert.equal(await problem.getByTestId('luigi-failure-reason').textContent(), `Reason: ${reason}`);
    assert.equal(await page.getByTestId('luigi-token-retry').count(), 0, 'no Retry, which could not help');
    assert.doesNotMatch(await pageText(), STACK);
    const frame = await waitForApp(page, 'orders');
    assert.equal((await frame.locator('#token').textContent()).trim(), 'none');
    assert.deepEqual(hostErrors, []);
  });

  test('the token route timing out: the same panel, and Retry gets a token once it answers', async () => {
    await page.route(tokenRoute, async route => {
      await new Promise(resolve => setTimeout(resolve, 3000));
      await route.abort('timedout').catch(() => {});
    });
    await visit(page, '/luigi#/orders', 'alice');
    const problem = page.getByTestId('luigi-app-token-problem');
    await problem.waitFor({ timeout: 15_000 });
    assert.match(await problem.textContent(), /received no token/);
    assert.doesNotMatch(await pageText(), STACK);

    await page.unroute(tokenRoute);
    await page.getByTestId('luigi-token-retry').click();
    const frame = await waitForApp(page, 'orders');
    await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    assert.equal(await problem.count(), 0);
  });

  test('the sign-in failing to renew (500): a panel with Retry and Sign in; Retry recovers', async () => {
    await visit(page, '/luigi#/orders', 'alice');
    const frame = await waitForApp(page, 'orders');
    await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    // The auth backend fails every session refresh. The page's next renewal (60 s tokens, renewed
    // 30 s before expiry) meets it; Backstage's auth API may hand out its token until it expires.
    const refresh = url => url.pathname === '/api/auth/oidc/refresh';
    await page.route(refresh, route => fail(route));
    const problem = page.getByTestId('luigi-token-problem');
    await problem.waitFor({ timeout: 100_000 });
    assert.match(await problem.textContent(), /micro apps no longer receive a token/);
    assert.doesNotMatch(await pageText(), STACK);
    // By CSS, not by role: Backstage's own sign-in dialog may open too, hiding the page from roles.
    await problem.locator('button', { hasText: /^Sign in$/ }).waitFor();
    await frame.locator('#token', { hasText: /^none$/ }).waitFor();

    await page.unroute(refresh);
    const backstageDialog = page.getByRole('button', { name: /reject all/i });
    if (await backstageDialog.count()) await backstageDialog.first().click();
    await page.getByTestId('luigi-token-retry').click();
    const again = await waitForApp(page, 'orders');
    await again.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    assert.equal(await problem.count(), 0);
    assert.deepEqual(hostErrors, []);
  });
});
