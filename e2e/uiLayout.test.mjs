// The micro apps page's layout (issue 24): no empty block under a panel shown instead of a micro app,
// category headings shown alike, and long titles on one line with an ellipsis and the whole title on hover.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { mouseAway, visit, waitForApp } from './portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

/**
 * How the content area (the Paper around `luigi-view`) ends: its height below the last visible thing
 * in it (the panel), and the Luigi container's height. An empty block shows as space below the panel.
 */
function contentArea() {
  return page.evaluate(() => {
    const view = document.querySelector('[data-testid="luigi-view"]');
    const surface = view.parentElement.getBoundingClientRect();
    const shown = [...view.children].map(child => child.getBoundingClientRect()).filter(box => box.height > 0);
    const contentBottom = Math.max(...shown.map(box => box.bottom));
    return {
      state: view.dataset.state,
      emptyBelow: Math.round(surface.bottom - contentBottom),
      containerHeight: document.querySelector('[data-testid="luigi-container"]').getBoundingClientRect().height,
    };
  });
}

/**
 * A tall window: the content area's height followed the window's (100vh less the header), so the
 * empty block showed under any panel shorter than that, the access-denied one (with its request
 * form) included.
 */
async function tallWindow() {
  await page.setViewportSize({ width: 1400, height: 1600 });
}

async function assertNoEmptyBlock(state) {
  const area = await contentArea();
  assert.equal(area.state, state);
  assert.equal(area.containerHeight, 0, `${state}: the Luigi container takes no room`);
  assert.ok(area.emptyBelow <= 1, `${state}: ${area.emptyBelow} px of empty surface below the panel`);
}

/** Whether an element shows its text on one line cut with an ellipsis, and the text it offers on hover. */
function ellipsisOf(locator) {
  return locator.evaluate(element => {
    const style = getComputedStyle(element);
    return {
      ellipsis: style.textOverflow === 'ellipsis' && style.whiteSpace === 'nowrap' && style.overflow === 'hidden',
      cut: element.scrollWidth > element.clientWidth,
      title: element.getAttribute('title') ?? element.closest('[title]')?.getAttribute('title') ?? null,
    };
  });
}

describe('micro apps page layout', () => {
  // The block showed once a micro app had been open (a fresh page load did not show it).
  test('no empty block under "Choose a micro app", nor under "No micro app at this address" after leaving an app', async () => {
    await tallWindow();
    await visit(page, '/luigi', 'alice');
    await page.getByText('Choose a micro app').waitFor();
    await assertNoEmptyBlock('landing');
    await page.getByTestId('luigi-nav-orders').click();
    await waitForApp(page, 'orders');
    await page.goBack();
    await page.getByText('Choose a micro app').waitFor();
    await assertNoEmptyBlock('landing');

    await page.getByTestId('luigi-nav-orders').click();
    await waitForApp(page, 'orders');
    await page.evaluate(() => {
      window.location.hash = '#/no-such-app';
    });
    await page.getByText('No micro app at this address').waitFor();
    await assertNoEmptyBlock('not-found');
  });

  test('no empty block under the access-denied panel', async () => {
    // bob is not in team-orders: Orders is denied to him. Billing is his.
    await visit(page, '/luigi#/orders', 'bob');
    await page.locator('[data-testid="luigi-view"][data-state="denied"]').waitFor();
    await assertNoEmptyBlock('denied');
    await page.getByTestId('luigi-nav-billing').click();
    await waitForApp(page, 'billing');
    await page.goBack();
    await page.locator('[data-testid="luigi-view"][data-state="denied"]').waitFor();
    await assertNoEmptyBlock('denied');
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  test('category headings read alike: "commerce" (a system name) shows as "Commerce", beside "Finance"', async () => {
    await visit(page, '/luigi', 'alice');
    await page.getByTestId('luigi-nav-orders').waitFor();
    // The headings are the list's items that are no links (each has its whole text as its title).
    const headings = await page.getByTestId('luigi-nav').locator('li[title]').allTextContents();
    assert.deepEqual(headings, ['Broken examples', 'Commerce', 'Finance']);
    await page.getByTestId('item-with-submenu').hover();
    const submenu = page.getByTestId('luigi-sidebar-submenu');
    await submenu.waitFor();
    const categories = await submenu.locator('button').allTextContents();
    // alice may enter other tenants too: their entry is no category.
    assert.deepEqual(categories.filter(text => text !== 'Other tenants'), ['Broken examples', 'Commerce', 'Finance']);
    await mouseAway(page);
  });

  test('a long title ends in an ellipsis, with the whole title on hover, in the list and the sidebar', async () => {
    // The lab tenant's Canary has a title of some 400 characters.
    await visit(page, '/luigi?tenant=lab', 'alice');
    const item = page.getByTestId('luigi-nav-component~lab~canary');
    await item.waitFor();
    const primary = item.locator('span').first();
    const title = (await primary.textContent()).trim();
    assert.ok(title.length > 300, `a long title (${title.length} characters)`);
    const inList = await ellipsisOf(primary);
    assert.deepEqual(inList, { ellipsis: true, cut: true, title });
    const heading = await ellipsisOf(page.getByTestId('luigi-nav').locator('li[title]').first());
    assert.equal(heading.ellipsis, true, 'a heading takes one line too');

    await mouseAway(page);
    await page.getByTestId('item-with-submenu').hover();
    const submenu = page.getByTestId('luigi-sidebar-submenu');
    await submenu.waitFor();
    const link = submenu.getByRole('link').filter({ hasText: 'Canary' });
    const text = link.locator('span').first();
    const inSidebar = await ellipsisOf(text);
    assert.equal(inSidebar.ellipsis, true, 'the sidebar item has text-overflow: ellipsis on one line');
    assert.equal(inSidebar.cut, true, 'and the title is cut there');
    assert.ok((await text.boundingBox()).width <= (await submenu.boundingBox()).width, 'within the submenu');
    // Backstage's tooltip on the item shows the whole title.
    await link.hover();
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    assert.equal((await tooltip.textContent()).trim(), title);
    await mouseAway(page);
  });
});
