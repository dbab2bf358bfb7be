// Bad registrations as their owners meet them: the catalog module's reason on the entity page
// (Backstage's own processing errors panel), the same reason on the plugin's page, and the entity
// still in the catalog with everything else on its page working.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, visit } from './portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

/** Each sample bad registration and the reason both halves give for it. */
const REFUSED = {
  'untrusted-recorder': 'origin http://localhost:7200 is not in luigi.allowedOrigins',
  'plain-http': 'must use https:',
  'script-url': 'javascript: scheme is not allowed',
};

const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the catalog module reports: the whole micro frontend, its main view or one further view "not
 * shown", or no token for it.
 */
const PROBLEM = /(Micro frontend|Main view|View ".*") not shown:|Micro frontend gets no token:/;

/** The processing errors panel's text on an entity's overview. */
async function processingErrors(name) {
  await visit(page, `/catalog/default/component/${name}`);
  await page.getByTestId('dev-entity-overview').waitFor();
  const panel = page.getByText(PROBLEM);
  await panel.first().waitFor();
  return (await panel.allTextContents()).join('\n');
}

describe('bad registrations', () => {
  for (const [name, reason] of Object.entries(REFUSED)) {
    test(`${name}: its entity page shows why, and so does the plugin's page`, async () => {
      const onEntityPage = await processingErrors(name);
      assert.match(onEntityPage, new RegExp(`Micro frontend not shown: luigi-project\\.io/view-url: .*${escape(reason)}`));

      await visit(page, '/luigi');
      const diagnostics = page.getByTestId('luigi-diagnostics');
      await diagnostics.getByRole('button').first().click(); // expand the warning panel
      const item = page.getByTestId('luigi-rejected').filter({ hasText: `component:default/${name}` });
      assert.match(await item.textContent(), new RegExp(escape(reason)));
    });
  }

  test('the entity page of a bad registration renders its text as text and keeps working', async () => {
    await processingErrors('script-url');
    // The title carries markup: it shows literally and creates no element.
    await page.getByText('<img src=x onerror=alert(1)> Script URL').first().waitFor();
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    // The plugin's own tab still explains itself rather than framing anything.
    await page.getByRole('tab', { name: 'Micro frontend' }).click();
    await page.getByText('No micro frontend to show').waitFor();
    await page.getByTestId('luigi-diagnostics').getByRole('button').first().click();
    assert.match(await page.getByTestId('luigi-rejected').textContent(), /javascript: scheme is not allowed/);
    assert.equal(await page.locator('iframe').count(), 0);
  });

  test('one bad view is reported on its own; a good registration has no processing problems', async () => {
    // Orders is fine but for one of its further views, on an origin outside the allowlist: only that
    // view is not shown, and the entity page says its other views still are.
    const onOrders = await processingErrors('orders');
    assert.match(
      onOrders,
      /View "Untrusted" not shown: luigi-project\.io\/views: origin http:\/\/localhost:7200 is not in luigi\.allowedOrigins; its other views are still shown/,
    );
    assert.doesNotMatch(onOrders, /Micro frontend not shown:/);
    // The plugin's page lists the refused view too, beside Orders still in its navigation.
    await visit(page, '/luigi');
    await page.getByTestId('luigi-nav-orders').waitFor();
    await page.getByTestId('luigi-diagnostics').getByRole('button').first().click();
    const refusedView = page.getByTestId('luigi-rejected').filter({ hasText: '(component:default/orders)' });
    assert.match(await refusedView.textContent(), /view "Untrusted": origin http:\/\/localhost:7200 is not in luigi\.allowedOrigins/);
    await visit(page, '/catalog/default/component/inventory');
    await page.getByTestId('dev-entity-overview').waitFor();
    // The panel loads its data after the overview: give it the time a bad entity's panel needs.
    await page.waitForTimeout(1500);
    assert.equal(await page.getByText(PROBLEM).count(), 0);
  });

  test("registering a component on the catalog's import page tells its owner at once", async () => {
    await visit(page, '/catalog-import');
    await page.getByRole('textbox', { name: /url/i }).fill(`${PORTAL.trustedOrigin}/repository/payments.yaml`);
    await page.getByRole('button', { name: /analyze/i }).click();
    await page.getByRole('button', { name: /^import$/i }).click();
    // The import page links what it added; the owner follows the link to the entity's page.
    const link = page.getByRole('button', { name: 'View Component' });
    await link.waitFor();
    const entityUrl = new URL(await link.getAttribute('href'), PORTAL.baseUrl).href;
    await link.click();
    // The catalog processes a new location within seconds: until then the entity page says "not found".
    const reason = page.getByText(/Micro frontend not shown: luigi-project\.io\/view-url: .*origin https:\/\/payments\.example\.org is not in luigi\.allowedOrigins/);
    const deadline = Date.now() + 30_000;
    while (!(await reason.first().isVisible())) {
      assert.ok(Date.now() < deadline, 'the problem shows on the new entity page within 30 s');
      await page.waitForTimeout(1000);
      if (!(await page.getByTestId('dev-entity-overview').isVisible())) await page.goto(entityUrl);
    }
  });
});
