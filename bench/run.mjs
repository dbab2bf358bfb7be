// `npm run bench`: one benchmark, one table. Builds the package for the bundle figures, then starts
// the dev portal (real Backstage backend and catalog, real Luigi core and client, headless Chromium)
// once per catalog size and measures, each comparison side by side in the same run:
//   1. time to first micro app, cold and warm, Luigi vs a plain iframe   (bench/firstMicroApp.mjs)
//   2. navigation usable and its bytes at 100 / 1,000 / 10,000 entities,
//      Luigi nav vs Backstage's catalog table                             (bench/navScale.mjs)
//   3. eager vs lazy JavaScript of the built package                     (bench/bundle.mjs)
//   4. token rotation push vs frame reload, page + modal frames          (bench/tokenRotation.mjs)
//   5. leaks after 100 leave-and-return cycles vs after one              (bench/leaks.mjs)
//   6. catalog payload with the plugin's projection vs whole entities    (bench/catalogPayload.mjs)
//   7. the luigi routes under load vs a catalog read, on a backend of its own (bench/backend.mjs)
// Figures are medians. Results go to bench/results/latest.json (the run before: previous.json), and
// the table shows each figure's change against the previous run.
//
// Run it under the shared portal lock: `flock /tmp/luigi-portal.lock npm run bench`.
// Failing loudly: a measurement that throws, or a required target that is not met (each scale's
// navigation must know all its generated apps, at 10,000 within 1 s), is a row marked FAILED in the
// table, a "BENCHMARK FAILED" list on stderr after it, and exit code 1; other missed targets are
// listed on stderr too, without failing the run.
// Fewer repetitions: BENCH_QUICK=1, or BENCH_COLD_RUNS, BENCH_WARM_RUNS, BENCH_NAV_RUNS,
// BENCH_LEAK_CYCLES, BENCH_ROTATIONS, BENCH_RELOADS, BENCH_PAYLOAD_RUNS; BENCH_SCALES=100,1000
// picks catalog sizes; BENCH_ONLY=bundle,first,leaks,nav,rotation,payload,backend picks measurements
// (backend: bench/backend.mjs, the luigi routes under load against a catalog read).
import { launchBrowser } from '../e2e/browser.mjs';
import { measureBackend } from './backend.mjs';
import { startPortal, visit } from '../e2e/portal.mjs';
import { measureBundle } from './bundle.mjs';
import { measureCatalogPayload } from './catalogPayload.mjs';
import { BENCH_TAG, writeEntities } from './entities.mjs';
import { measureFirstMicroApp } from './firstMicroApp.mjs';
import { measureLeaks } from './leaks.mjs';
import { cdpFor, failuresOf, frameTime, instrument, poll, printTable, readPrevious, row, spaNavigate, waitForEntities, writeResults } from './lib.mjs';
import { measureNavScale } from './navScale.mjs';
import { measureTokenRotation } from './tokenRotation.mjs';

const began = Date.now();
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const wanted = name => !only || only.has(name);
const scales = (process.env.BENCH_SCALES ?? '100,1000,10000').split(',').map(Number).filter(Boolean);
const rows = [];
const timings = {};

const log = message => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(0)}s] ${message}`);

/** A failed measurement (or the portal it needed) as a row: required, so the run fails, and the run goes on. */
function failedRow(name, label, error) {
  const message = error.message.split('\n')[0];
  return row({
    id: `${name}.error`,
    measurement: `${label}: FAILED (${message})`,
    met: false,
    required: true,
    failure: `${label}: ${message}`,
  });
}

/** Runs one measurement; a failure becomes a row saying so (and fails the run), and the run goes on. */
async function measure(name, label, fn) {
  const started = Date.now();
  log(`${label} …`);
  try {
    rows.push(...(await fn()));
  } catch (error) {
    console.error(error);
    rows.push(failedRow(name, label, error));
  }
  timings[name] = (Date.now() - started) / 1000;
}

/** One dev portal with a signed-in tab (instrumented, with a CDP session) for `fn`. */
async function withPortal(env, fn) {
  const started = Date.now();
  // The dev identity provider's tokens live 60 s (so rotation shows in the dev portal); under 3 minutes
  // Backstage refreshes the session before every API call, which no real provider's tokens make it
  // do. The benchmark runs the provider with one-hour tokens, as production IdPs issue them.
  const portal = await startPortal({ env: { LUIGI_DEV_BACKEND_LOG: '0', LUIGI_DEV_TOKEN_TTL: '3600', ...env } });
  const browser = await launchBrowser();
  try {
    await browser.context.addInitScript(instrument);
    const page = await browser.context.newPage();
    await visit(page, '/home');
    await page.getByTestId('dev-home').waitFor();
    const cdp = await cdpFor(page);
    log(`portal up and signed in (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    await fn({ context: browser.context, page, cdp });
  } finally {
    await browser.close();
    await portal.stop();
  }
}

const previous = readPrevious();

if (wanted('bundle')) await measure('bundle', 'eager bundle cost (package build)', () => measureBundle().then(r => r.rows));

// A dev backend of its own (ports 75xx), no browser: the luigi routes under load beside a catalog read.
if (wanted('backend')) await measure('backend', 'backend routes under load (autocannon)', () => measureBackend(row, log));

if (wanted('first') || wanted('leaks')) {
  await withPortal({}, async ({ context, page, cdp }) => {
    if (wanted('first')) await measure('firstMicroApp', 'time to first micro app', () => measureFirstMicroApp(context, page));
    if (wanted('leaks')) await measure('leaks', 'leaks over leave-and-return cycles', () => measureLeaks(page, cdp));
  }).catch(error => {
    console.error(error);
    rows.push(failedRow('portal', 'portal for the first micro app and leaks', error));
  });
}

for (const n of scales) {
  const withRotation = wanted('rotation') && n === scales[0];
  const withPayload = wanted('payload') && n === 1000;
  if (!wanted('nav') && !withRotation && !withPayload) continue;
  const { file, refs } = writeEntities(n);
  const env = {
    LUIGI_DEV_EXTRA_CATALOG: file,
    LUIGI_DEV_BACKEND_TIMEOUT_MS: '600000',
    // The rotation needs many renewals: 30 s micro app tokens are renewed every couple of seconds.
    // Only the Luigi views renew tokens, and only while a frame is open, so the navigation figures
    // (which end before any frame asks for a token) do not see it.
    ...(withRotation ? { APP_CONFIG_luigi_tokens_lifetime: '30s' } : {}),
  };
  log(`portal with ${n} generated entities`);
  await withPortal(env, async ({ page, cdp }) => {
    // Every measurement at this scale starts on a catalog that holds all `n` generated entities.
    await waitForEntities(refs, { tag: BENCH_TAG, count: n, log });
    if (wanted('nav')) await measure(`navScale.${n}`, `navigation at ${n} entities`, () => measureNavScale(page, cdp, n));
    if (withPayload) await measure('catalogPayload', `catalog payload at ${n} entities`, () => measureCatalogPayload(page, cdp, n));
    if (withRotation) {
      await measure('tokenRotation', 'token rotation (page + modal)', async () => {
        const start = await spaNavigate(page, '/luigi#/orders');
        await poll(() => frameTime(page, '/apps/orders/', 'tokenAt', start), { what: 'Orders token' });
        return measureTokenRotation(page);
      });
    }
  }).catch(error => {
    // The portal did not start or the catalog was not ingested in time: every measurement of the scale failed.
    console.error(error);
    rows.push(failedRow(`scale.${n}`, `portal with ${n} generated entities`, error));
  });
}

const results = {
  finishedAt: new Date().toISOString(),
  seconds: (Date.now() - began) / 1000,
  timings,
  env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_'))),
  rows,
};
const path = writeResults(results);
console.log('');
console.log('Benchmark (medians; dev portal, real Luigi core + client, headless Chromium)');
printTable(rows, previous);
console.log('');
console.log(`Results: ${path} (${results.seconds.toFixed(0)} s)${previous ? '; previous run kept as previous.json' : ''}`);
const { failed, missed } = failuresOf(rows);
if (missed.length > 0) {
  console.error('');
  console.error(`Targets missed (reported, not failing the run): ${missed.length}`);
  for (const m of missed) console.error(`  - ${m.message}`);
}
if (failed.length > 0) {
  console.error('');
  console.error(`BENCHMARK FAILED: ${failed.length} measurement${failed.length === 1 ? '' : 's'} did not work`);
  for (const f of failed) console.error(`  - ${f.message}`);
  process.exitCode = 1;
}
