// Hostile registrations in the dev portal's lab tenant (dev/catalog/lab-hostile.yaml, generated from
// the shared hostile corpus): each is listed with its reason and never framed, no entity text runs or
// becomes an element, a 20 000-character title does not widen the page, and the good app beside
// them (Canary) opens with its token. Only platform admins (alice) enter the lab tenant, and no other
// tenant's page lists its problems.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { openSession } from './session.mjs';
import { visit, waitForApp } from './portal.mjs';

const CATALOG = join(dirname(fileURLToPath(import.meta.url)), '../dev/catalog/lab-hostile.yaml');
const REASON = 'hostile-corpus.example.com/expected-reason';
const PROBLEM_IN = 'hostile-corpus.example.com/problem-in';
const CANARY = 'component~lab~canary';

const entities = parseAllDocuments(readFileSync(CATALOG, 'utf8')).map(doc => doc.toJS());
const hostile = entities.filter(entity => entity.metadata.annotations?.[REASON] !== undefined);
// The page lists entities with a view URL; those declaring only further views show on their tab.
const onPage = hostile.filter(entity => entity.metadata.annotations[PROBLEM_IN] === 'luigi-project.io/view-url');
const medley = entities.find(entity => entity.metadata.name === 'views-medley');

let page;
openSession(opened => {
  page = opened;
});

/** Expands the problems panel and returns the text of each of its items. */
async function problems() {
  const diagnostics = page.getByTestId('luigi-diagnostics');
  await diagnostics.waitFor();
  await diagnostics.getByRole('button').first().click();
  return page.getByTestId('luigi-rejected').allTextContents();
}

/** What entity text would have left behind, had any of it run or been parsed as HTML. */
function injections() {
  return page.evaluate(() => ({
    flag: window.__xss ?? null,
    elements: document.querySelectorAll('img[src="x"], svg[onload], [onerror], b').length,
    scripts: [...document.scripts].filter(script => script.textContent.includes('__xss')).length,
  }));
}

function frameSources() {
  return page.evaluate(() => [...document.querySelectorAll('iframe')].map(frame => frame.src));
}

describe('hostile registrations (lab tenant)', () => {
  test('the corpus is in the lab catalog', () => {
    assert.ok(hostile.length >= 50, `${hostile.length} hostile entities`);
    assert.ok(onPage.length >= 40, `${onPage.length} on the page`);
  });

  test('each is listed with its reason, none is framed, no text runs, the page keeps its width', async () => {
    await visit(page, '/luigi?tenant=lab', 'alice');
    await page.getByTestId('luigi-nav').waitFor();
    const listed = await problems();
    for (const entity of onPage) {
      const ref = `component:lab/${entity.metadata.name}`;
      const items = listed.filter(text => text.includes(`(${ref})`));
      assert.equal(items.length, 1, `${ref} is listed once`);
      assert.ok(items[0].includes(entity.metadata.annotations[REASON]), `${ref}: ${items[0].slice(0, 300)}`);
    }
    assert.deepEqual(await injections(), { flag: null, elements: 0, scripts: 0 });

    // The huge title is cut and wraps: the page is no wider than the window, the nav stays in view.
    const layout = await page.evaluate(() => {
      const nav = document.querySelector('[data-testid="luigi-nav"]').getBoundingClientRect();
      const huge = [...document.querySelectorAll('[data-testid="luigi-rejected"]')].find(item =>
        item.textContent.includes('(component:lab/huge-title)'),
      );
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        panelOverflows: [...document.querySelectorAll('[data-testid="luigi-diagnostics"] *')].some(
          element => element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible',
        ),
        hugeRight: huge.getBoundingClientRect().right,
        hugeLength: huge.textContent.length,
        nav: { left: nav.left, right: nav.right, width: nav.width },
        innerWidth: window.innerWidth,
      };
    });
    assert.ok(layout.scrollWidth <= layout.clientWidth, `page ${layout.scrollWidth} wide in ${layout.clientWidth}`);
    assert.ok(layout.hugeRight <= layout.innerWidth, 'the huge title wraps inside the window');
    assert.ok(layout.hugeLength < 1000, 'the huge title is cut');
    assert.ok(layout.nav.width > 0 && layout.nav.right <= layout.innerWidth, 'the navigation is in view');

    // The good app opens, with its token, and is the only frame.
    await page.getByTestId(`luigi-nav-${CANARY}`).click();
    const canary = await waitForApp(page, 'canary');
    await canary.locator('#token', { hasNotText: /^none$/ }).waitFor();
    assert.match(await canary.locator('#token').textContent(), /^ey/);
    const sources = await frameSources();
    assert.deepEqual(sources.map(src => new URL(src).pathname), ['/apps/canary/']);
    assert.deepEqual(await injections(), { flag: null, elements: 0, scripts: 0 });
    // The nav item's hostile title shows as text.
    assert.match(await page.getByTestId(`luigi-nav-${CANARY}`).textContent(), /<img src=x onerror=window\.__xss=1> Canary/);
  });

  test("the views medley's tab shows its good view and lists every hostile entry", async () => {
    await visit(page, '/catalog/lab/component/views-medley/luigi', 'alice');
    const frame = await waitForApp(page, 'canary');
    await frame.locator('#token', { hasNotText: /^none$/ }).waitFor();
    const listed = await problems();
    const lines = medley.metadata.annotations['luigi-project.io/views'].split('\n').slice(1);
    assert.equal(listed.length, lines.length);
    for (const entity of hostile.filter(e => e.metadata.annotations[PROBLEM_IN] === 'luigi-project.io/views')) {
      const reason = entity.metadata.annotations[REASON];
      assert.ok(listed.some(text => text.includes(reason)), `${entity.metadata.name}: ${reason}`);
    }
    assert.deepEqual((await frameSources()).map(src => new URL(src).pathname), ['/apps/canary/medley']);
    assert.deepEqual(await injections(), { flag: null, elements: 0, scripts: 0 });
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
      'the tab keeps the page width',
    );
  });

  test("the commerce tenant's page lists none of lab's problems", async () => {
    await visit(page, '/luigi?tenant=commerce', 'alice');
    await page.getByTestId('luigi-nav').waitFor();
    const listed = await problems();
    assert.ok(listed.some(text => text.includes('(component:default/script-url)')), "commerce's own problems are listed");
    assert.deepEqual(listed.filter(text => text.includes('component:lab/')), []);
  });
});
