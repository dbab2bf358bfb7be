// The dev portal built for production and served as Backstage's backend serves an app: with the
// security headers of @backstage/backend-defaults, whose Content-Security-Policy frames nothing but
// the portal itself unless `backend.csp.frame-src` says otherwise. Two servers of the same build:
// one with the dev app-config's `backend.csp` (the install step of docs/install.md), one without its frame-src.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { buildDevApp, DEV_APP_CONFIG } from '../../dev/production/buildDevApp.mjs';
import { readAppConfig, serveBuiltApp } from '../../dev/production/serveBuiltApp.mjs';
import { startDevBackend } from '../../dev/backend/startDevBackend.mjs';
import { startMicroApps } from '../../dev/microApps/server.mjs';
import { startOidcProvider } from '../../dev/oidc/provider.mjs';
import { launchBrowser } from '../browser.mjs';
import { PORTAL, microApp, visit, waitForApp } from '../portal.mjs';

const DOCUMENTED_PORT = 3000;
const WITHOUT_FRAME_SRC_PORT = 3001;
const servers = [];
let configDir;
let browser;
let documented;
let withoutFrameSrc;

/** A page that records every Content-Security-Policy violation the browser reports to it. */
async function recordingPage() {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', event =>
      window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  return page;
}

before(async () => {
  const started = Date.now();
  const dir = await buildDevApp();
  console.log(`dev app built for production in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const appConfig = await readAppConfig(DEV_APP_CONFIG);
  const { 'frame-src': frameSrc, ...otherCsp } = appConfig.backend.csp;
  assert.deepEqual(frameSrc, ["'self'", PORTAL.trustedOrigin], 'the dev config frames the allowlisted origin');
  servers.push(await startMicroApps(), await startOidcProvider());
  // The dev backend, also answering the second server's origin (CORS, and sign-in popups).
  const origins = [DOCUMENTED_PORT, WITHOUT_FRAME_SRC_PORT].map(port => `http://localhost:${port}`);
  configDir = await mkdtemp(join(tmpdir(), 'luigi-csp-'));
  const originsConfig = join(configDir, 'app-config.origins.yaml');
  await writeFile(
    originsConfig,
    JSON.stringify({ backend: { cors: { origin: origins } }, auth: { experimentalExtraAllowedOrigins: origins } }),
  );
  servers.push(await startDevBackend({ configs: [DEV_APP_CONFIG, originsConfig], log: false }));
  documented = await serveBuiltApp({ dir, port: DOCUMENTED_PORT, appConfig });
  withoutFrameSrc = await serveBuiltApp({
    dir,
    port: WITHOUT_FRAME_SRC_PORT,
    appConfig: { ...appConfig, backend: { ...appConfig.backend, csp: otherCsp } },
  });
  servers.push(documented, withoutFrameSrc);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.allSettled(servers.map(server => (server.close ? server.close() : server.stop())));
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

describe("the production build under Backstage's Content-Security-Policy", () => {
  test("without frame-src, Backstage's policy frames nothing else", async () => {
    const csp = (await fetch(`${withoutFrameSrc.origin}/luigi`)).headers.get('content-security-policy');
    assert.match(csp, /(^|;)default-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /frame-src/);
  });

  test('a refused micro app frame shows, within two seconds, the blocked origin and the config to add', async () => {
    const page = await recordingPage();
    try {
      await visit(page, '/luigi#/orders', 'alice', { baseUrl: withoutFrameSrc.origin });
      const signedIn = Date.now();
      const panel = page.getByTestId('luigi-policy-block');
      // The dev config's loadTimeoutMs is 6 s: this panel must come from the browser's report, not a timeout.
      await panel.waitFor({ timeout: 2000 });
      const elapsed = Date.now() - signedIn;
      console.log(`policy panel shown ${elapsed} ms after sign-in`);
      assert.equal(await panel.getAttribute('data-blocked'), PORTAL.trustedOrigin);
      assert.match(await panel.textContent(), /Orders is blocked by the portal's Content-Security-Policy/);
      assert.match(await panel.textContent(), /refused to frame http:\/\/localhost:7100/);
      const snippet = parse(await panel.getByTestId('luigi-policy-snippet').textContent());
      assert.deepEqual(snippet, { backend: { csp: { 'frame-src': ["'self'", PORTAL.trustedOrigin] } } });
      assert.equal(await page.getByTestId('luigi-view').getAttribute('data-state'), 'blocked');

      // The page's diagnostics said so before any frame: the same origin, the same fix.
      const diagnostics = page.getByTestId('luigi-policy-diagnostics');
      assert.match(await diagnostics.textContent(), /http:\/\/localhost:7100 is in luigi.allowedOrigins/);
      assert.deepEqual(parse(await diagnostics.getByTestId('luigi-policy-snippet').textContent()), snippet);

      const violations = await page.evaluate(() => window.__violations);
      assert.deepEqual(violations, [`frame-src ${PORTAL.trustedOrigin}`], 'only the frame was refused');
    } finally {
      await page.close();
    }
  });

  test('with the documented frame-src, the micro app loads and verifies its token, and nothing is refused', async () => {
    const page = await recordingPage();
    try {
      const appLoads = [];
      page.on('request', request => {
        if (request.resourceType() === 'document' && request.url().startsWith(`${PORTAL.trustedOrigin}/apps/orders/`)) {
          appLoads.push(request.url());
        }
      });
      await visit(page, '/luigi#/orders', 'alice', { baseUrl: documented.origin });
      await waitForApp(page, 'orders');
      const frame = microApp(page);
      await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
      // The session resolving while the first frame loads updates its context, not a second load.
      assert.equal(appLoads.length, 1, `the micro app loaded once: ${appLoads.join(', ')}`);
      assert.equal(await page.getByTestId('luigi-policy-diagnostics').count(), 0);
      assert.equal(await page.getByTestId('luigi-policy-block').count(), 0);
      // Luigi core's chunk, the scoped stylesheet and the frame all pass Backstage's policy.
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
    } finally {
      await page.close();
    }
  });
});
