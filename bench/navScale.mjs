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
import { PORTAL } from '../e2e/portal.mjs';
import { benchName } from './entities.mjs';
import { count, goHome, interleave, poll, row, spaNavigate, stats } from './lib.mjs';

const CATALOG_ROUTE = '/catalog?filters[kind]=component&filters[user]=all&filters[tags]=bench';

/** Waits (in-page, signed in) until the catalog answers `n` entities tagged bench. */
export async function waitForBenchEntities(page, n) {
  await poll(
    () =>
      page.evaluate(
        async ({ backend, n }) => {
          const response = await fetch(`${backend}/api/catalog/entities/by-query?filter=metadata.tags=bench&limit=1`, {
            headers: { Authorization: window.__backstageAuth },
          });
          const body = await response.json();
          return body.totalItems >= n;
        },
        { backend: PORTAL.backendUrl, n },
      ),
    { timeout: 600_000, intervalMs: 2000, what: `${n} bench entities in the catalog` },
  );
}

async function settleHome(page) {
  await goHome(page);
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(300);
}

async function timeTo(page, cdp, route, predicate, arg) {
  await settleHome(page);
  const start = await spaNavigate(page, route);
  const handle = await page.waitForFunction(predicate, arg, { polling: 'raf', timeout: 120_000 });
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
  await waitForBenchEntities(page, n);
  const luigi = () => timeTo(page, cdp, '/luigi', luigiUsable, { last: benchName(n), n });
  const catalog = () => timeTo(page, cdp, CATALOG_ROUTE, catalogRows);
  // Both views once (code loaded, caches as a user's would be), then side by side.
  await luigi();
  await catalog();
  const samples = await interleave(runs, luigi, catalog, `navigation at ${n}`);
  const l = stats(samples.a.map(r => r.ms));
  const c = stats(samples.b.map(r => r.ms));
  const lb = stats(samples.a.map(r => r.bytes.encoded));
  const cb = stats(samples.b.map(r => r.bytes.encoded));
  const sampleUrls = list => list[Math.floor(list.length / 2)]?.bytes.urls;
  const label = n.toLocaleString('en-US');
  const rows = [
    row({
      id: `navScale.${n}.time`,
      measurement: `Navigation usable at ${label} entities (Luigi nav vs catalog table)`,
      figure: l.median,
      comparison: c.median,
      unit: 'ms',
      target: n >= 10_000 ? '≤1000 ms and < catalog' : '< catalog',
      met: l.median < c.median && (n < 10_000 || l.median <= 1000),
      details: { luigi: l, catalog: c },
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
