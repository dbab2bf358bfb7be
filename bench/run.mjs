// `npm run bench`: how fast a rotated token reaches an open micro app, next to the alternative an
// iframe plugin without token push has (reloading the frame), measured side by side in one run
// against the dev portal with real Luigi core and client in Chromium.
//
// Push latency: from the luigi backend's answer with the micro app's new token reaching the host page
// to the plugin's `luigi.auth.tokenIssued` arriving in the micro app frame (where Luigi client stores
// it synchronously). Reload latency: from the host resetting the frame's src to
// `LuigiClient.getToken()` returning a token in the new document.
import { launchBrowser } from '../e2e/browser.mjs';
import { startPortal, visit, waitForApp } from '../e2e/portal.mjs';

const ROTATIONS = Number(process.env.BENCH_ROTATIONS ?? 15);
const RELOADS = Number(process.env.BENCH_RELOADS ?? 15);

// Runs in every frame before its own scripts. Times are epoch ms from each frame's clock origin,
// comparable across frames of one browser.
function instrument() {
  const now = () => performance.timeOrigin + performance.now();
  if (window === window.top) {
    window.__pushes = [];
    // Backstage's fetch API calls the fetch it found at startup: this one.
    const fetchBefore = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const response = await fetchBefore(input, init);
      const url = typeof input === 'string' ? input : input.url;
      if (url.endsWith('/api/luigi/tokens') && response.ok) {
        const at = now();
        response
          .clone()
          .json()
          .then(body => window.__pushes.push({ token: body.token, at }));
      }
      return response;
    };
  } else {
    window.__arrivals = [];
    window.addEventListener('message', event => {
      const token = event.data?.authData?.accessToken;
      if (event.data?.msg === 'luigi.auth.tokenIssued' && token) window.__arrivals.push({ token, at: now() });
    });
    const poll = setInterval(() => {
      if (window.LuigiClient?.getToken?.()) {
        window.__tokenAt = now();
        clearInterval(poll);
      }
    }, 1);
  }
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = q => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: pick(0.5), p90: pick(0.9), min: sorted[0], max: sorted.at(-1) };
}

const fmt = s => `n=${s.n} median ${s.median.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)})`;

// The shortest micro app token lifetime (30 s) is within the refresh margin (30 s), so the portal
// renews the token every couple of seconds (its minimum interval).
const portal = await startPortal({ env: { APP_CONFIG_luigi_tokens_lifetime: '30s' } });
const browser = await launchBrowser();
try {
  await browser.context.addInitScript(instrument);
  const page = await browser.context.newPage();
  await visit(page, '/luigi#/orders');
  await waitForApp(page, 'orders');
  const appFrame = () => page.frames().find(f => f.url().includes('/apps/orders/'));
  const loadIdOf = () => appFrame().evaluate(() => document.getElementById('load-id').textContent);
  const firstLoadId = await loadIdOf();

  // Push: wait for rotations while the frame stays open.
  const pushes = [];
  const deadline = Date.now() + 120_000;
  while (pushes.length < ROTATIONS && Date.now() < deadline) {
    await page.waitForTimeout(1000);
    const sent = await page.evaluate(() => window.__pushes);
    const arrived = await appFrame().evaluate(() => window.__arrivals);
    pushes.length = 0;
    for (const push of sent) {
      const arrival = arrived.find(a => a.token === push.token && a.at >= push.at);
      if (arrival) pushes.push(arrival.at - push.at);
    }
  }
  const sameFrame = (await loadIdOf()) === firstLoadId;

  // Reload: what a frame needs to get a token when the only way to give it one is a new document.
  const reloads = [];
  for (let i = 0; i < RELOADS; i++) {
    const started = await page.evaluate(() => {
      const frame = document.querySelector('[data-testid="luigi-container"] iframe');
      const at = performance.timeOrigin + performance.now();
      frame.src = frame.src;
      return at;
    });
    let tokenAt;
    for (let tries = 0; tries < 300 && !tokenAt; tries++) {
      await page.waitForTimeout(20);
      const frame = appFrame();
      tokenAt = frame && (await frame.evaluate(() => window.__tokenAt).catch(() => undefined));
      if (tokenAt && tokenAt < started) tokenAt = undefined;
    }
    if (tokenAt) reloads.push(tokenAt - started);
  }

  const push = stats(pushes);
  const reload = stats(reloads);
  console.log('Token delivery to an open micro app (real Luigi core + client, headless Chromium)');
  console.log(`  push (the app's own token, frame kept):    ${fmt(push)}`);
  console.log(`  reload (new frame document + handshake):    ${fmt(reload)}`);
  console.log(`  ratio reload/push (medians): ${(reload.median / push.median).toFixed(1)}x`);
  console.log(`  frame never reloaded during the ${push.n} rotations: ${sameFrame}`);
} finally {
  await browser.close();
  await portal.stop();
}
