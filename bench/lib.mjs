// Shared helpers of `npm run bench`: repetition counts, statistics, side-by-side interleaving, the
// init script every frame gets, SPA navigation inside the Backstage app, CDP (network bytes, metrics,
// window listeners, heap), and the result table with its JSON files.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PORTAL } from '../e2e/portal.mjs';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const RESULTS_DIR = join(BENCH_DIR, 'results');

/** A repetition count from an env var (BENCH_<NAME>), or `fallback`; BENCH_QUICK=1 divides by 3. */
export function count(name, fallback) {
  const value = process.env[`BENCH_${name}`];
  if (value !== undefined) return Math.max(1, Number(value));
  return process.env.BENCH_QUICK === '1' ? Math.max(3, Math.round(fallback / 3)) : fallback;
}

export const now = () => performance.timeOrigin + performance.now();
export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Median and spread of a list of numbers (undefined entries dropped). */
export function stats(samples) {
  const sorted = samples.filter(x => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, median: NaN, p90: NaN, min: NaN, max: NaN };
  const pick = q => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { n: sorted.length, median, p90: pick(0.9), min: sorted[0], max: sorted.at(-1) };
}

/**
 * Runs `a` and `b` `times` times each, interleaved (A B, B A, A B, …: neither always goes first), so
 * both see the same machine load. Returns the samples of each (failed runs are logged and dropped;
 * with `failures`, their messages are added to its `a` and `b` lists, for the caller to judge).
 */
export async function interleave(times, a, b, label = '', failures = undefined) {
  const samples = { a: [], b: [] };
  for (let i = 0; i < times; i++) {
    const order = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const key of order) {
      try {
        samples[key].push(await (key === 'a' ? a : b)(i));
      } catch (error) {
        const message = error.message.split('\n')[0];
        console.warn(`  ${label} run ${i} (${key}) failed: ${message}`);
        failures?.[key].push(message);
      }
    }
  }
  return samples;
}

/**
 * Init script of every frame (runs before the frame's own scripts). Times are epoch ms from each
 * frame's clock origin, comparable across the frames of one browser.
 * - top window: records the luigi backend's token answers (`__pushes`) and the Backstage token the
 *   app's own fetch sends (`__backstageAuth`), by wrapping the fetch Backstage's fetch API found.
 * - micro app frames: `__bench.loadAt` (the document's load event), `__bench.tokenAt` (the first
 *   moment the Luigi client's init listener has fired and `getToken()` returns a token: checked in an
 *   init listener registered before the app's own and after every message the client handled),
 *   `__bench.arrivals` (each `luigi.auth.tokenIssued` with the time it reached the frame).
 */
export function instrument() {
  const now = () => performance.timeOrigin + performance.now();
  if (window === window.top) {
    window.__pushes = [];
    // Long runs in one tab: keep every resource timing entry.
    performance.setResourceTimingBufferSize(1_000_000);
    const fetchBefore = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      try {
        const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
        const auth = headers.get('authorization');
        if (auth) window.__backstageAuth = auth;
      } catch {
        // not our business
      }
      const response = await fetchBefore(input, init);
      const url = typeof input === 'string' ? input : input.url;
      if (url.endsWith('/api/luigi/tokens') && response.ok) {
        const at = now();
        response
          .clone()
          .json()
          .then(body => window.__pushes.push({ token: body.token, at }))
          .catch(() => {});
      }
      return response;
    };
    return;
  }
  const bench = (window.__bench = { arrivals: [], initAt: undefined, tokenAt: undefined, loadAt: undefined });
  window.addEventListener('load', () => {
    bench.loadAt = now();
  });
  window.addEventListener('message', event => {
    const token = event.data?.authData?.accessToken;
    if (event.data?.msg === 'luigi.auth.tokenIssued' && token) bench.arrivals.push({ token, at: now() });
  });
  let client;
  Object.defineProperty(window, 'LuigiClient', {
    configurable: true,
    get: () => client,
    set(value) {
      client = value;
      const check = () => {
        if (bench.initAt !== undefined && bench.tokenAt === undefined) {
          try {
            if (value.getToken()) bench.tokenAt = now();
          } catch {
            // no token yet
          }
        }
      };
      try {
        value.addInitListener(() => {
          bench.initAt ??= now();
          check();
        });
      } catch {
        return;
      }
      // Registered after the client's own listener: runs once the client has stored what came.
      window.addEventListener('message', check);
    },
  });
}

/**
 * SPA navigation the way the app's router sees Back/Forward: `history.pushState` plus a `popstate`
 * (React Router and Luigi both listen to it). Returns the epoch ms just before the push.
 */
export function spaNavigate(page, path) {
  return page.evaluate(p => {
    const at = performance.timeOrigin + performance.now();
    const idx = (window.history.state?.idx ?? 0) + 1;
    window.history.pushState({ usr: null, key: Math.random().toString(36).slice(2, 10), idx }, '', p);
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
    return at;
  }, path);
}

/** Navigates to /home inside the app and waits for the home page. */
export async function goHome(page) {
  await spaNavigate(page, '/home');
  await page.getByTestId('dev-home').waitFor({ timeout: 30_000 });
}

/** Polls `fn` (async, returns a value or undefined) every `intervalMs` until it returns a value. */
export async function poll(fn, { timeout = 30_000, intervalMs = 20, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** The `__bench` record of the newest frame whose URL contains `urlPart`, if it has `key` after `since`. */
export async function frameTime(page, urlPart, key, since) {
  const frames = page.frames().filter(f => f.url().includes(urlPart));
  for (const frame of frames.reverse()) {
    const value = await frame.evaluate(k => window.__bench?.[k], key).catch(() => undefined);
    if (value !== undefined && value >= since) return value;
  }
  return undefined;
}

/** A CDP session on `page` with the Network domain on, counting response bytes per request. */
export async function cdpFor(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', e => {
    requests.set(e.requestId, { url: e.request.url, sentAt: e.wallTime * 1000, done: false, bytes: 0, body: 0 });
  });
  cdp.on('Network.responseReceived', e => {
    const r = requests.get(e.requestId);
    if (r) r.status = e.response.status;
  });
  cdp.on('Network.dataReceived', e => {
    const r = requests.get(e.requestId);
    if (r) r.body += e.dataLength;
  });
  cdp.on('Network.loadingFinished', e => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { done: true, bytes: e.encodedDataLength });
  });
  cdp.on('Network.loadingFailed', e => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { done: true, failed: true });
  });
  return {
    cdp,
    /**
     * Bytes over the wire (encodedDataLength: headers plus the possibly compressed body) and decoded
     * body bytes of the backend API responses requested from `since` to `until`, once they finished.
     */
    async apiBytes(since, until = Infinity, prefix = `${PORTAL.backendUrl}/api/`) {
      const picked = () => [...requests.values()].filter(r => r.url.startsWith(prefix) && r.sentAt >= since && r.sentAt <= until);
      await poll(async () => picked().every(r => r.done), { timeout: 30_000, what: 'API responses' });
      const list = picked();
      return {
        requests: list.length,
        encoded: list.reduce((sum, r) => sum + r.bytes, 0),
        decoded: list.reduce((sum, r) => sum + r.body, 0),
        urls: list.map(r => `${r.url.slice(prefix.length).split('?')[0]} ${r.bytes}`),
      };
    },
    /**
     * The backend API requests sent from `since` on that failed or were answered with an error
     * status, as `path status` (or `path failed`, `path pending`), for failure messages.
     */
    apiProblems(since, prefix = `${PORTAL.backendUrl}/api/`) {
      return [...requests.values()]
        .filter(r => r.url.startsWith(prefix) && r.sentAt >= since && (r.failed || !r.done || r.status >= 400))
        .map(r => `${r.url.slice(prefix.length).split('?')[0]} ${r.failed ? 'failed' : !r.done ? 'pending' : r.status}`);
    },
    async metrics() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(metrics.map(m => [m.name, m.value]));
    },
    async collectGarbage() {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
    },
    /** Listeners on the top window (DOMDebugger.getEventListeners), by type. */
    async windowListeners() {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
      const byType = {};
      for (const l of listeners) byType[l.type] = (byType[l.type] ?? 0) + 1;
      return { total: listeners.length, byType };
    },
  };
}

/**
 * Waits until the dev backend's catalog holds `entityRefs` and, with `tag`, at least `count` entities
 * tagged so (the readiness route's `entityRef`, `tag` and `count`): all of a generated catalog, not
 * only the refs named, since a catalog file's entities are processed in no particular order. Logs
 * progress every `logEveryMs` through `log`; the timeout's error says how far ingestion got.
 */
export async function waitForEntities(entityRefs, { tag, count = 0, timeout = 600_000, log, logEveryMs = 30_000 } = {}) {
  const params = new URLSearchParams();
  for (const ref of entityRefs) params.append('entityRef', ref);
  if (tag !== undefined) {
    params.set('tag', tag);
    params.set('count', String(count));
  }
  let tagged;
  let loggedAt = Date.now();
  const what = tag === undefined ? `catalog entities ${entityRefs.join(', ')}` : `${count} entities tagged ${tag} in the catalog`;
  try {
    await poll(
      async () => {
        const response = await fetch(`${PORTAL.backendUrl}/api/dev-readiness/catalog?${params}`, { signal: AbortSignal.timeout(5000) });
        tagged = (await response.json().catch(() => ({}))).tagged ?? tagged;
        if (log && Date.now() - loggedAt >= logEveryMs) {
          loggedAt = Date.now();
          log(`catalog ingestion: ${tagged ?? '?'} of ${count} ${tag ?? ''} entities`);
        }
        return response.ok;
      },
      { timeout, intervalMs: 1000, what },
    );
  } catch (error) {
    throw new Error(`${error.message} (${timeout / 1000} s; the catalog held ${tagged ?? 'an unknown number'} of them)`);
  }
}

// ---- the table -------------------------------------------------------------------------------

/**
 * One row of the table. `figure` and `comparison` are numbers in `unit`; `ratio` figure/comparison
 * unless given; `target` a text and `met` a boolean (or undefined when there is no target).
 * `required`: the target is a condition of the run (a scale that must work), so an unmet one fails
 * `npm run bench` (non-zero exit); `failure` says what went wrong, for the run's failure summary.
 */
export function row({ id, measurement, figure, comparison, unit, ratio, target, met, required, failure, details }) {
  const r = ratio ?? (Number.isFinite(figure) && Number.isFinite(comparison) && comparison !== 0 ? figure / comparison : undefined);
  return { id, measurement, figure, comparison, unit, ratio: r, target, met, required, failure, details };
}

export function fmtValue(value, unit) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'ms') return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
  if (unit === 'B') return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(2)} MB` : value >= 1024 ? `${(value / 1024).toFixed(1)} KB` : `${Math.round(value)} B`;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}${unit ? ` ${unit}` : ''}`;
}

function pad(cells, widths) {
  return cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ');
}

/** Prints the table (with each figure's change against `previous`, if any). */
export function printTable(rows, previous) {
  const before = new Map((previous?.rows ?? []).map(r => [r.id, r]));
  const header = ['measurement', 'figure', 'comparison', 'ratio', 'target', 'met?'];
  if (previous) header.push('change vs previous');
  const lines = rows.map(r => {
    const cells = [
      r.measurement,
      fmtValue(r.figure, r.unit),
      fmtValue(r.comparison, r.unit),
      r.ratio === undefined ? '' : Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}` : 'n/a',
      r.target ?? '',
      r.met === undefined ? '' : r.met ? 'yes' : r.required ? 'FAILED' : 'NO',
    ];
    if (previous) {
      const old = before.get(r.id);
      cells.push(
        old && Number.isFinite(old.figure) && Number.isFinite(r.figure) && old.figure !== 0
          ? `${r.figure >= old.figure ? '+' : ''}${(((r.figure - old.figure) / Math.abs(old.figure)) * 100).toFixed(1)}% (was ${fmtValue(old.figure, r.unit)})`
          : old ? `was ${fmtValue(old.figure, old.unit)}` : 'new',
      );
    }
    return cells;
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map(l => String(l[i]).length)));
  console.log(pad(header, widths));
  console.log(widths.map(w => '-'.repeat(w)).join('-|-'));
  for (const l of lines) console.log(pad(l, widths));
}

/**
 * What makes a run fail: each row whose required target is not met (a measurement that threw is
 * such a row too, see run.mjs), as `{ id, message }`; and the other missed targets, reported only.
 */
export function failuresOf(rows) {
  const describe = r =>
    r.failure ?? `${r.measurement}: ${fmtValue(r.figure, r.unit) || 'no figure'}, target ${r.target ?? 'none'}`;
  return {
    failed: rows.filter(r => r.required && r.met !== true).map(r => ({ id: r.id, message: describe(r) })),
    missed: rows.filter(r => !r.required && r.met === false).map(r => ({ id: r.id, message: describe(r) })),
  };
}

/** The previous complete run's results, if any. */
export function readPrevious() {
  const latest = join(RESULTS_DIR, 'latest.json');
  return existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')) : undefined;
}

/** Writes `results` as latest.json, keeping the one before as previous.json. Returns the path. */
export function writeResults(results) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const latest = join(RESULTS_DIR, 'latest.json');
  if (existsSync(latest)) renameSync(latest, join(RESULTS_DIR, 'previous.json'));
  writeFileSync(latest, `${JSON.stringify(results, null, 2)}\n`);
  return latest;
}
