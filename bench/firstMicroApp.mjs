// Time to first micro app. From the host page's clock just before an SPA navigation into the route
// (history.pushState + popstate, what the app's router acts on) to:
// - Luigi (`/luigi#/orders`): the Orders micro app's Luigi client init listener having fired with a
//   token (`LuigiClient.getToken()` non-empty), recorded inside the frame (lib.mjs instrument);
// - plain iframe (`/bench/iframe?src=<the same Orders URL>`, a plain Backstage Page/Header/Content
//   with an <iframe>, dev/DevApp.tsx): the same document's `load` event. `load` fires once the
//   document has run all its scripts (luigi-client.js, app.js, the module verify.js and its imports):
//   the point where an app that needs no host handshake has finished starting; everything a Luigi
//   frame needs beyond it (the get-context/init handshake, the token) is what the plugin costs.
// Cold: the first Luigi view in a tab (a fresh tab, signed in silently at /home, then the SPA
// navigation). Warm: the same tab having shown the route before, entered again from /home.
// Luigi and iframe runs alternate, cold and warm each.
import { PORTAL } from '../e2e/portal.mjs';
import { count, frameTime, goHome, interleave, poll, row, spaNavigate, stats } from './lib.mjs';

const APP_URL = `${PORTAL.trustedOrigin}/apps/orders/`;
const LUIGI_ROUTE = '/luigi#/orders';
const IFRAME_ROUTE = `/bench/iframe?src=${encodeURIComponent(APP_URL)}`;

/** Where the time went in one Luigi run (ms after entering the route), for the report. */
async function luigiPhases(page, start) {
  const frame = page.frames().find(f => f.url().includes('/apps/orders/'));
  const inFrame = frame ? await frame.evaluate(() => window.__bench).catch(() => ({})) : {};
  const top = await page.evaluate(since => {
    const entries = performance.getEntriesByType('resource').filter(e => performance.timeOrigin + e.startTime >= since);
    const pick = part => {
      const e = entries.find(x => x.name.includes(part));
      return e && { start: performance.timeOrigin + e.startTime - since, end: performance.timeOrigin + e.responseEnd - since };
    };
    return {
      luigiCoreChunk: pick('luigi_core') ?? pick('luigi-project_core') ?? pick('luigi.js'),
      catalog: pick('/api/catalog/entities'),
      decisions: pick('/api/luigi/access/decisions'),
      token: pick('/api/luigi/tokens'),
      // The app's own scripts fetched in the interval (the lazy chunks on a cold entry).
      scripts: entries
        .filter(e => e.initiatorType === 'script' && e.name.startsWith(location.origin))
        .map(e => `${e.name.slice(location.origin.length)} ${Math.round(e.responseEnd + performance.timeOrigin - since)}`),
    };
  }, start);
  return { ...top, frameLoad: inFrame.loadAt - start, frameInit: inFrame.initAt - start, frameToken: inFrame.tokenAt - start };
}

async function enter(page, route, kind) {
  const start = await spaNavigate(page, route);
  const key = kind === 'luigi' ? 'tokenAt' : 'loadAt';
  const end = await poll(() => frameTime(page, '/apps/orders/', key, start), { what: `${kind} ${key}` });
  const phases = kind === 'luigi' ? await luigiPhases(page, start) : undefined;
  return { ms: end - start, phases };
}

/**
 * A fresh tab settled at /home, signed in with the context's sessions: silently when Backstage's
 * refresh works, else through the sign-in button (the provider remembers alice: no password page).
 */
async function freshTab(context) {
  const page = await context.newPage();
  await page.goto(`${PORTAL.baseUrl}/home`);
  const home = page.getByTestId('dev-home');
  const signIn = page.getByRole('button', { name: /^sign in$/i });
  await home.or(signIn).first().waitFor({ timeout: 30_000 });
  if (!(await home.isVisible())) {
    await page.waitForLoadState('networkidle');
    const popup = page.waitForEvent('popup', { timeout: 15_000 });
    await signIn.click();
    const login = await popup;
    const choose = login.locator('#login-alice');
    await Promise.race([login.waitForEvent('close'), choose.click().then(() => login.waitForEvent('close'))]).catch(() => {});
    await home.waitFor({ timeout: 30_000 });
  }
  await page.waitForLoadState('networkidle');
  return page;
}

async function settleHome(page) {
  await goHome(page);
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(200);
}

const medianOf = (runs, pick) => stats(runs.map(pick)).median;

/** `page` is signed in (any route); `context` its browser context. */
export async function measureFirstMicroApp(context, page) {
  const coldRuns = count('COLD_RUNS', 7);
  const warmRuns = count('WARM_RUNS', 11);

  const cold = await interleave(
    coldRuns,
    async () => {
      const tab = await freshTab(context);
      try {
        return await enter(tab, LUIGI_ROUTE, 'luigi');
      } finally {
        await tab.close();
      }
    },
    async () => {
      const tab = await freshTab(context);
      try {
        return await enter(tab, IFRAME_ROUTE, 'iframe');
      } finally {
        await tab.close();
      }
    },
    'first micro app (cold)',
  );

  // Warm: both routes shown once in this tab before measuring.
  await settleHome(page);
  await enter(page, LUIGI_ROUTE, 'luigi');
  await settleHome(page);
  await enter(page, IFRAME_ROUTE, 'iframe');
  const warm = await interleave(
    warmRuns,
    async () => {
      await settleHome(page);
      return enter(page, LUIGI_ROUTE, 'luigi');
    },
    async () => {
      await settleHome(page);
      return enter(page, IFRAME_ROUTE, 'iframe');
    },
    'first micro app (warm)',
  );

  const rows = [];
  for (const [name, samples, target] of [
    ['cold', cold, 1.5],
    ['warm', warm, 1.1],
  ]) {
    const luigi = stats(samples.a.map(r => r.ms));
    const iframe = stats(samples.b.map(r => r.ms));
    const ratio = luigi.median / iframe.median;
    const phase = key => ({
      start: medianOf(samples.a, r => r.phases?.[key]?.start),
      end: medianOf(samples.a, r => r.phases?.[key]?.end),
    });
    rows.push(
      row({
        id: `firstMicroApp.${name}`,
        measurement: `Time to first micro app, ${name} (Luigi vs plain iframe)`,
        figure: luigi.median,
        comparison: iframe.median,
        unit: 'ms',
        ratio,
        target: `≤${target.toFixed(2)}x`,
        met: ratio <= target,
        details: {
          luigi,
          iframe,
          // Medians of the Luigi runs' milestones, ms after entering the route.
          luigiMilestones: {
            catalogRequest: phase('catalog'),
            decisionsRequest: phase('decisions'),
            luigiCoreChunk: phase('luigiCoreChunk'),
            frameLoad: medianOf(samples.a, r => r.phases?.frameLoad),
            frameInit: medianOf(samples.a, r => r.phases?.frameInit),
            tokenRequest: phase('token'),
            frameToken: medianOf(samples.a, r => r.phases?.frameToken),
          },
          // Host scripts fetched during the first Luigi run ("path msAfterEntering").
          luigiScripts: samples.a[0]?.phases?.scripts,
        },
      }),
    );
  }
  return rows;
}
