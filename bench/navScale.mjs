// Navigation at scale, on a portal whose catalog holds `n` generated micro app entities
// (bench/entities.mjs) besides the samples. From the host page's clock just before an SPA navigation
// (history.pushState + popstate, from a settled /home) to:
// - Luigi page (`/luigi`): its navigation usable: `[data-testid="luigi-nav"]` holds a
//   generated app as a link and knows all of them (the last drawn, or counted in its "Showing 100 of
//   N" line: the nav draws at most 100 at once and filters the rest);
// - Backstage's catalog table (`/catalog`, filtered to kind Component, all owners, tag `bench`: the
//   same generated entities): its first row linking to a generated entity shown.
// Both polled in the page once per animation frame (`waitForFunction` with `raf`), so the end is the
// first painted frame that has it. Bytes: CDP Network encodedDataLength (headers plus the compressed
// body) of every backend API response requested in that interval. Luigi and catalog runs alternate.
// run.mjs starts this once the catalog holds all `n` generated entities. The navigation must then know
// all of them in every run (within NAV_TIMEOUT_MS; at 10,000 entities within 1 s, median): a run where
// it does not fails the measurement, saying what the page showed instead (how many apps the navigation
// knew, or the panel it showed), and with it `npm run bench`.
import { benchName } from './entities.mjs';
import { count, goHome, interleave, row, spaNavigate, stats } from './lib.mjs';

const CATALOG_ROUTE = '/catalog?filters[kind]=component&filters[user]=all&filters[tags]=bench';

async function settleHome(page) {
  await goHome(page);
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(300);
}

/** How long one run may take to reach its condition before it counts as failed (BENCH_NAV_TIMEOUT_MS). */
const NAV_TIMEOUT_MS = Number(process.env.BENCH_NAV_TIMEOUT_MS ?? 120_000);

/**
 * What the Luigi page shows instead of a navigation that knows every app: its count line, the number
 * of apps drawn, or the title of the panel shown (loading, failure), in words for a failure message.
 */
function describeLuigiPage() {
  const nav = document.querySelector('[data-testid="luigi-nav"]');
  const more = document.querySelector('[data-testid="luigi-apps-more"]')?.textContent;
  if (nav) {
    const drawn = nav.querySelectorAll('a[data-testid^="luigi-nav-"]').length;
    return more ? `the navigation said "${more}"` : `the navigation drew ${drawn} apps and no count line`;
  }
  // The page's headings and alerts: its title, and the title of a loading, failure or empty panel.
  const said = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="alert"]')]
    .map(element => element.innerText.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const where = `no navigation at ${location.pathname}${location.hash}`;
  return said.length > 0 ? `${where}; the page said "${said.join(' | ').slice(0, 300)}"` : `${where}, and no heading or panel yet`;
}

async function timeTo(page, cdp, route, predicate, arg, describe) {
  await settleHome(page);
  const start = await spaNavigate(page, route);
  let handle;
  try {
    handle = await page.waitForFunction(predicate, arg, { polling: 'raf', timeout: NAV_TIMEOUT_MS });
  } catch (error) {
    const shown = describe ? await page.evaluate(describe).catch(() => 'nothing readable') : 'see the page';
    const problems = cdp.apiProblems(start);
    const answers = problems.length > 0 ? `; API requests not answered with success: ${[...new Set(problems)].slice(0, 8).join(', ')}` : '';
    throw new Error(`not usable within ${NAV_TIMEOUT_MS / 1000} s at ${route}: ${shown}${answers} (${error.message.split('\n')[0]})`);
  }
  const end = await handle.jsonValue();
  const bytes = await cdp.apiBytes(start, end);
  return { ms: end - start, bytes };
}

// Usable: a generated app is a link, and the nav knows them all: the last one is drawn too, or
// (beyond the hundred the nav draws at once, in the catalog's order) its count line names at least
// `n` apps.
function luigiUsable({ last, n }) {
  const nav = document.querySelector('[data-testid="luigi-nav"]');
  if (!nav?.querySelector('a[data-testid^="luigi-nav-bench-app-"]')) return false;
  const more = document.querySelector('[data-testid="luigi-apps-more"]')?.textContent ?? '';
  const known = Number(/of ([\d,]+) micro apps/.exec(more)?.[1]?.replace(/,/g, '') ?? 0);
  const all = nav.querySelector(`a[data-testid="luigi-nav-${last}"]`) || known >= n;
  return all ? performance.timeOrigin + performance.now() : false;
}

function catalogRows() {
  const link = document.querySelector('table tbody tr a[href*="/component/bench-app-"]');
  return link ? performance.timeOrigin + performance.now() : false;
}

/** `page` is signed in on a portal with `n` generated entities; `cdp` its lib.mjs CDP helper. */
export async function measureNavScale(page, cdp, n) {
  const runs = count('NAV_RUNS', 5);
  const label = n.toLocaleString('en-US');
  const luigi = () => timeTo(page, cdp, '/luigi', luigiUsable, { last: benchName(n), n }, describeLuigiPage);
  const catalog = () => timeTo(page, cdp, CATALOG_ROUTE, catalogRows);
  // Both views once (code loaded, caches as a user's would be), then side by side. The first
  // navigation is the one that reads the whole catalog and asks for its decisions: timed too.
  let warmup;
  try {
    warmup = await luigi();
  } catch (error) {
    throw new Error(`the Luigi navigation at ${label} entities never knew all ${label} apps: ${error.message}`);
  }
  await catalog();
  const failures = { a: [], b: [] };
  const samples = await interleave(runs, luigi, catalog, `navigation at ${n}`, failures);
  const l = stats(samples.a.map(r => r.ms));
  const c = stats(samples.b.map(r => r.ms));
  // Every Luigi run must reach the condition: one that did not is a navigation that lost apps or hung.
  const failedRuns = failures.a.length;
  const lb = stats(samples.a.map(r => r.bytes.encoded));
  const cb = stats(samples.b.map(r => r.bytes.encoded));
  const sampleUrls = list => list[Math.floor(list.length / 2)]?.bytes.urls;
  const fast = l.median < c.median && (n < 10_000 || l.median <= 1000);
  const problems = [
    failedRuns > 0 && `${failedRuns} of ${runs} runs: ${failures.a[0]}`,
    !(l.n > 0) && 'no run was usable',
    !(c.n > 0) && `the catalog table, the comparison, never showed its rows: ${failures.b[0]}`,
    l.n > 0 && c.n > 0 && !fast && `median ${l.median.toFixed(0)} ms against the catalog table's ${c.median.toFixed(0)} ms, target ${n >= 10_000 ? '≤1000 ms and ' : ''}< catalog`,
  ].filter(Boolean);
  const rows = [
    row({
      id: `navScale.${n}.time`,
      measurement: `Navigation usable at ${label} entities (Luigi nav vs catalog table)`,
      figure: l.median,
      comparison: c.median,
      unit: 'ms',
      target: `all ${label} apps${n >= 10_000 ? ', ≤1000 ms' : ''}, < catalog`,
      met: problems.length === 0,
      required: true,
      failure: problems.length > 0 ? `navigation at ${label} entities: ${problems.join('; ')}` : undefined,
      details: { luigi: l, catalog: c, warmupMs: warmup.ms, failedRuns: failures },
    }),
    row({
      id: `navScale.${n}.bytes`,
      measurement: `API bytes until usable at ${label} entities (Luigi vs catalog table)`,
      figure: lb.median,
      comparison: cb.median,
      unit: 'B',
      target: 'reported',
      details: {
        luigi: lb,
        catalog: cb,
        luigiRequests: sampleUrls(samples.a),
        catalogRequests: sampleUrls(samples.b),
        luigiDecoded: stats(samples.a.map(r => r.bytes.decoded)),
        catalogDecoded: stats(samples.b.map(r => r.bytes.decoded)),
      },
    }),
  ];
  return rows;
}
