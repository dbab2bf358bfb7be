// Browser tests of the micro apps page against the dev portal, with real Luigi core and client.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, contextOf, microApp, mouseAway, untrustedRecords, visit, waitForApp as waitForAppOn } from './portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

const url = path => `${PORTAL.baseUrl}${path}`;

async function openFromNav(segment) {
  await page.getByTestId(`luigi-nav-${segment}`).click();
  await waitForApp(segment);
}

const waitForApp = name => waitForAppOn(page, name);

describe('micro apps page', () => {
  test('a micro app opened from the navigation receives user, entity and token', async () => {
    await visit(page, '/luigi');
    await page.getByTestId('luigi-nav').waitFor();
    await openFromNav('orders');
    assert.equal(page.url(), url('/luigi#/orders'));
    const frame = microApp(page);
    const context = await contextOf(frame);
    assert.equal(context.user.userEntityRef, 'user:default/alice');
    assert.equal(context.user.email, 'alice@example.com');
    assert.ok(context.user.ownershipEntityRefs.includes('group:default/team-orders'));
    assert.deepEqual(context.entity, {
      ref: 'component:default/orders',
      kind: 'Component',
      namespace: 'default',
      name: 'orders',
      title: 'Orders',
      owner: 'group:default/team-orders',
      system: 'system:default/commerce',
    });
    const token = (await frame.locator('#token').textContent()).trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'getToken() returns a JWT');
    assert.equal(context.token, token, 'context token and LuigiClient.getToken() agree');
    // Never in a URL or in browser storage.
    const exposed = await page.evaluate(
      t => [location.href, JSON.stringify(localStorage), JSON.stringify(sessionStorage)].some(s => s.includes(t)),
      token,
    );
    assert.equal(exposed, false);
    // The frame is sandboxed: scripts and its own origin, but no navigating the portal away.
    const sandbox = await page.locator('[data-testid="luigi-container"] iframe').getAttribute('sandbox');
    assert.ok(sandbox?.split(' ').includes('allow-scripts'), `sandbox="${sandbox}"`);
    assert.equal(sandbox.includes('allow-top-navigation'), false);
  });

  test('a deep link opens the right micro app, and a virtual path reaches the app', async () => {
    await visit(page, '/luigi#/billing');
    await waitForApp('billing');
    await visit(page, '/luigi#/reports/monthly/2026');
    const frame = await waitForApp('reports');
    assert.equal(await frame.locator('#path').textContent(), '/apps/reports/monthly/2026');
  });

  test('an unknown path shows a not-found panel and no micro app', async () => {
    await visit(page, '/luigi#/no-such-app');
    await page.getByText('No micro app at this address').waitFor();
    assert.equal(await page.getByTestId('luigi-view').getAttribute('data-state'), 'not-found');
    assert.equal(await page.locator('[data-testid="luigi-container"]').isVisible(), false);
    assert.equal(page.url(), url('/luigi#/no-such-app'), 'Luigi did not redirect');
  });

  test('linkManager().navigate moves between micro apps and updates the portal URL', async () => {
    await visit(page, '/luigi#/orders');
    const frame = await waitForApp('orders');
    await frame.locator('#go-inventory').click();
    await waitForApp('inventory');
    assert.equal(page.url(), url('/luigi#/inventory'));
    assert.equal(
      await page.getByTestId('luigi-nav-inventory').getAttribute('class').then(c => c.includes('Mui-selected')),
      true,
    );
  });

  test('Back and Forward move across micro apps and out to another portal page', async () => {
    await visit(page, '/home');
    await page.getByTestId('dev-home').waitFor();
    await page.locator('a[href="/luigi"]').first().click();
    await mouseAway(page);
    await page.getByTestId('luigi-nav').waitFor();
    await openFromNav('orders');
    await openFromNav('billing');
    assert.equal(page.url(), url('/luigi#/billing'));

    await page.goBack();
    await waitForApp('orders');
    assert.equal(page.url(), url('/luigi#/orders'));
    await page.goBack();
    await page.getByText('Choose a micro app').waitFor();
    assert.equal(page.url(), url('/luigi'));
    await page.goBack();
    await page.getByTestId('dev-home').waitFor();
    assert.equal(page.url(), url('/home'), 'Luigi left the host URL alone');

    await page.goForward();
    await page.getByText('Choose a micro app').waitFor();
    await page.goForward();
    await waitForApp('orders');
    assert.equal(page.url(), url('/luigi#/orders'));
    await page.goForward();
    await waitForApp('billing');
    assert.equal(page.url(), url('/luigi#/billing'));
  });

  test('refused entities are listed with their reason and never framed', async () => {
    const framedUrls = [];
    const onFrame = frame => framedUrls.push(frame.url());
    page.on('framenavigated', onFrame);
    await visit(page, '/luigi');
    const diagnostics = page.getByTestId('luigi-diagnostics');
    await diagnostics.waitFor();
    await diagnostics.getByRole('button').first().click(); // expand the warning panel
    const items = await page.getByTestId('luigi-rejected').allTextContents();
    // Six refused registrations, the one refused further view of Orders (whose app is listed), and
    // shipments-in-commerce, which claims the token audience of the logistics tenant's Shipments.
    assert.equal(items.length, 8);
    const byRef = Object.fromEntries(items.map(text => [text.match(/\((component:[^)]+)\)/)[1], text]));
    assert.match(byRef['component:default/orders'], /view "Untrusted": origin http:\/\/localhost:7200 is not in luigi\.allowedOrigins/);
    assert.match(byRef['component:default/untrusted-recorder'], /origin http:\/\/localhost:7200 is not in luigi\.allowedOrigins/);
    assert.match(byRef['component:default/plain-http'], /must use https:/);
    assert.match(byRef['component:default/script-url'], /javascript: scheme is not allowed/);
    assert.match(byRef['component:default/data-url'], /data: scheme is not allowed/);
    assert.match(byRef['component:default/relative-url'], /not an absolute URL/);
    assert.match(byRef['component:default/malformed-url'], /must not contain whitespace or control characters/);
    assert.match(
      byRef['component:default/shipments-in-commerce'],
      /gets no token: luigi-project\.io\/token-audience: the token audience "component:logistics\/shipments" belongs to component:logistics\/shipments/,
    );
    // Entity text is text: the title with markup shows literally and creates no element.
    assert.match(byRef['component:default/script-url'], /<img src=x onerror=alert\(1\)> Script URL/);
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    // None of them is in the navigation, and they cannot be reached by URL either.
    assert.equal(await page.getByTestId('luigi-nav-untrusted-recorder').count(), 0);
    assert.equal(await page.getByTestId('luigi-nav-shipments-in-commerce').count(), 0);
    for (const segment of ['untrusted-recorder', 'shipments-in-commerce']) {
      await visit(page, `/luigi#/${segment}`);
      await page.getByText('No micro app at this address').waitFor();
    }
    page.off('framenavigated', onFrame);
    assert.deepEqual(framedUrls.filter(u => !u.startsWith(PORTAL.baseUrl) && !u.startsWith(PORTAL.trustedOrigin) && u !== 'about:blank'), []);
    assert.deepEqual(await untrustedRecords(), [], 'the untrusted origin received nothing');
    assert.deepEqual(framedUrls.filter(u => u.startsWith(`${PORTAL.trustedOrigin}/apps/shipments/`)), [], 'Shipments was not framed in commerce');
  });

  for (const [segment, label] of [
    ['broken-404', 'Broken: 404'],
    ['broken-no-frame', 'Broken: refuses framing'],
    ['broken-no-handshake', 'Broken: no Luigi client'],
  ]) {
    test(`a failing micro app (${segment}) shows an error panel with a retry`, async () => {
      await visit(page, `/luigi#/${segment}`);
      // The spinner shows while Luigi waits for the handshake, then the error replaces it.
      await page.locator('[data-luigi-plugin-host] .spinnerContainer').waitFor();
      const started = Date.now();
      await page.getByText(`${label} did not load`).waitFor({ timeout: 20_000 });
      const waited = Date.now() - started;
      // 6 s configured; Luigi restarts the wait when the session arrives after the first frame.
      assert.ok(waited < 14_000, `error shown after ${waited} ms (timeout configured at 6 s)`);
      assert.equal(await page.getByTestId('luigi-view').getAttribute('data-state'), 'failed');
      // A sentence for the user and one line of detail; never a stack trace.
      assert.doesNotMatch(await page.getByTestId('luigi-view').textContent(), /\bat \S+ \(|\.tsx?:\d+/);
      await page.getByTestId('luigi-retry').click();
      assert.equal(await page.getByTestId('luigi-view').getAttribute('data-state'), 'showing');
      await page.getByText(`${label} did not load`).waitFor({ timeout: 15_000 });
      // The rest keeps working.
      await openFromNav('orders');
    });
  }

  test("a micro app's alert shows above its frame in the portal's colours, and closes when the user moves on", async () => {
    await visit(page, '/luigi#/orders');
    const frame = await waitForApp('orders');
    await frame.locator('#alert').click();
    const alert = page.getByTestId('luigi-alert').filter({ hasText: 'Hello from orders' });
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-entity'), 'component:default/orders');
    assert.equal(await alert.getAttribute('data-type'), 'info');
    // Backstage's info colour, not Luigi's own message strip; and nothing drawn over the frame.
    assert.notEqual(await alert.evaluate(el => getComputedStyle(el).backgroundColor), 'rgba(0, 0, 0, 0)');
    assert.equal(await page.locator('[data-luigi-plugin-host] .fd-message-strip').count(), 0);
    const alertBottom = (await alert.boundingBox()).y + (await alert.boundingBox()).height;
    const viewTop = (await page.getByTestId('luigi-container').boundingBox()).y;
    assert.ok(alertBottom <= viewTop, `the alert is above the frame (${alertBottom} <= ${viewTop})`);

    // Dismissed by the user: the micro app hears it, as from Luigi.
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await frame.locator('#alert-status', { hasText: 'dismissed' }).waitFor();
    assert.equal(await page.getByTestId('luigi-alert').count(), 0);

    // Moving to another micro app closes the alert of the one left.
    await frame.locator('#alert').click();
    await alert.waitFor();
    await frame.locator('#go-billing').click();
    await waitForApp('billing');
    await page.getByTestId('luigi-alert').waitFor({ state: 'detached' });
  });
});
