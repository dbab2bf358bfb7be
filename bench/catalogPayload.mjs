// Catalog payload: bytes fetched for the micro app entities with the plugin's field projection
// (src/catalog/entityQuery.ts `microAppEntitiesRequest`: its filter and fields) against the whole
// entities (same filter, no `fields`), on a portal with 1,000 generated micro app entities. Each is one
// `GET /api/catalog/entities/by-query` (limit above the count, so one page holds all) sent from the
// signed-in page with the app's own Backstage token; bytes from CDP Network: encodedDataLength (what
// crossed the wire: headers and the compressed body) and the decoded body. Runs alternate.
import { PORTAL } from '../e2e/portal.mjs';
import { microAppEntitiesRequest } from './projection.mjs';
import { count, interleave, row, stats } from './lib.mjs';

function queryUrl(withFields) {
  const params = new URLSearchParams();
  params.append('filter', microAppEntitiesRequest.filterKey);
  if (withFields) params.append('fields', microAppEntitiesRequest.fields.join(','));
  params.append('limit', '100000');
  return `${PORTAL.backendUrl}/api/catalog/entities/by-query?${params}`;
}

async function fetchOnce(page, cdp, url) {
  const { start, end, items } = await page.evaluate(async url => {
    const start = performance.timeOrigin + performance.now();
    const response = await fetch(url, { headers: { Authorization: window.__backstageAuth } });
    const body = await response.json();
    return { start, end: performance.timeOrigin + performance.now(), items: body.items.length };
  }, url);
  const bytes = await cdp.apiBytes(start - 1, end + 1, url);
  return { items, encoded: bytes.encoded, decoded: bytes.decoded };
}

/** `page` is signed in on a portal with `n` generated entities; `cdp` its lib.mjs CDP helper. */
export async function measureCatalogPayload(page, cdp, n) {
  const runs = count('PAYLOAD_RUNS', 5);
  const projected = queryUrl(true);
  const whole = queryUrl(false);
  const samples = await interleave(runs, () => fetchOnce(page, cdp, projected), () => fetchOnce(page, cdp, whole), 'catalog payload');
  const p = stats(samples.a.map(r => r.encoded));
  const w = stats(samples.b.map(r => r.encoded));
  const pd = stats(samples.a.map(r => r.decoded));
  const wd = stats(samples.b.map(r => r.decoded));
  return [
    row({
      id: 'catalogPayload',
      measurement: `Catalog payload, ${n.toLocaleString('en-US')} generated + sample apps (projection vs whole)`,
      figure: p.median,
      comparison: w.median,
      unit: 'B',
      target: '<0.25x',
      met: p.median / w.median < 0.25,
      details: {
        items: samples.a[0]?.items,
        encoded: { projected: p, whole: w },
        decoded: { projected: pd, whole: wd, ratio: pd.median / wd.median },
      },
    }),
  ];
}
