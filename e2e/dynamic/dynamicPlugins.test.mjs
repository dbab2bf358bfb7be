// The plugins as dynamic plugins: built as the README says, exported with Red Hat Developer Hub's CLI
// (`plugin export`, then `npm pack`), installed into a dynamic plugins root from the list and the
// pluginConfig of docs/dynamic-plugins.yaml, and loaded by a host portal that imports nothing of
// luigi: its backend through Backstage's dynamic feature service, its new-frontend-system app from
// the module federation remote that service serves. Then the backend answers, tokens and refusals
// included, and a browser shows the page, a micro app with its token and a denial.
// Everything the host needs is installed from the registry at test time, into a temporary folder.
// Run alone with `node --test e2e/dynamic/dynamicPlugins.test.mjs`; LUIGI_KEEP_DYNAMIC_TMP=1 keeps it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { parse } from 'yaml';
import { startMicroApps } from '../../dev/microApps/server.mjs';
import { launchBrowser } from '../browser.mjs';
import { npm, timed, timings } from './commands.mjs';
import { installDynamicPlugins, readEnabledPlugins } from './dynamicPluginsRoot.mjs';
import { exportDynamicPlugins } from './exportPlugins.mjs';
import {
  HOST_ORIGIN,
  buildHostApp,
  dynamicPluginsRoot,
  installHost,
  makeDynamicPluginsRoot,
  startHostBackend,
  writeHost,
} from './host.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DYNAMIC_PLUGINS_YAML = join(root, 'docs/dynamic-plugins.yaml');
const keep = process.env.LUIGI_KEEP_DYNAMIC_TMP === '1';

/** The sample micro apps' origins (host/app-config.local.yaml allowlists the first). */
const MICRO_APPS = { trustedPort: 7602, untrustedPort: 7603 };
/** Who the guest sign-in makes you: the owner of Orders in host/catalog.yaml, not of Billing. */
const GUEST = 'user:development/guest';
const ORDERS = 'component:default/orders';
const BILLING = 'component:default/billing';
const BACKEND_DYNAMIC = 'backstage-plugin-luigi-backend-dynamic';
const FRONTEND_DYNAMIC = 'backstage-plugin-luigi-dynamic';

let work;
let host;
/** The derived packages: their tarballs and exported folders, by name. */
let exported;
/** docs/dynamic-plugins.yaml's enabled plugins, and the app-config their pluginConfig made. */
let plugins;
let pluginsConfig;
let microApps;
let backend;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'luigi-dynamic-'));
  host = join(work, 'host');
  await writeHost({ dir: host, root });
  // The host installs from the registry while this repository builds: one waits on the network,
  // the other on the CPUs.
  const installed = timed('host install', () => installHost(host, root));
  installed.catch(() => {});
  await timed('build', () => npm(['run', 'build'], { cwd: root }));
  await installed;

  const bin = join(host, 'node_modules/.bin');
  exported = await timed('export', () =>
    exportDynamicPlugins({ root, work, cli: join(bin, 'rhdh-cli'), env: { PATH: `${bin}${delimiter}${process.env.PATH}` } }),
  );

  // The tarballs where docs/dynamic-plugins.yaml's `package` paths point, relative to this folder.
  const packagesDir = join(work, 'portal');
  await mkdir(join(packagesDir, 'luigi'), { recursive: true });
  for (const tarball of Object.values(exported.tarballs)) await copyFile(tarball, join(packagesDir, 'luigi', basename(tarball)));
  plugins = await readEnabledPlugins(DYNAMIC_PLUGINS_YAML);
  await makeDynamicPluginsRoot(host);
  const configFile = join(host, 'app-config.dynamic-plugins.yaml');
  await installDynamicPlugins({ plugins, packagesDir, root: dynamicPluginsRoot(host), configFile });
  pluginsConfig = parse(await readFile(configFile, 'utf8'));

  await timed('app build', () => buildHostApp(host));
  microApps = await startMicroApps({ ...MICRO_APPS, issuer: `${HOST_ORIGIN}/api/luigi` });
  backend = await timed('backend start', () =>
    startHostBackend({
      dir: host,
      // The portal's own config, then the one made of the plugins' pluginConfig, then this machine's.
      configs: ['app-config.yaml', 'app-config.dynamic-plugins.yaml', 'app-config.local.yaml'],
      // What docs/dynamic-plugins.yaml's ${LUIGI_KEY_ENCRYPTION_SECRET} reads.
      env: { LUIGI_KEY_ENCRYPTION_SECRET: randomBytes(32).toString('base64url') },
    }),
  );
  await timed('catalog', () => waitForEntities([ORDERS, BILLING]));
});

after(async () => {
  await backend?.stop();
  await microApps?.close();
  console.log(`dynamic plugins timings: ${JSON.stringify(timings)}${keep ? `, kept ${work}` : ''}`);
  if (work && !keep) await rm(work, { recursive: true, force: true });
});

const readJson = async file => JSON.parse(await readFile(file, 'utf8'));

describe('the exported packages', () => {
  test('docs/dynamic-plugins.yaml installs exactly the tarballs the export packs', () => {
    const named = plugins.map(plugin => basename(plugin.package)).sort();
    assert.deepEqual(named, Object.values(exported.tarballs).map(tarball => basename(tarball)).sort());
  });

  test('the backend is derived with the common package embedded and @backstage/* left to the portal', async () => {
    const dir = exported.exported[BACKEND_DYNAMIC];
    const pkg = await readJson(join(dir, 'package.json'));
    const source = await readJson(join(root, 'plugins/luigi-backend/package.json'));
    assert.equal(pkg.name, BACKEND_DYNAMIC);
    // Its optional peers (the /auth and /scaffolder modules' libraries) stay the portal's too.
    const backstageDependencies = Object.keys({ ...source.dependencies, ...source.peerDependencies }).filter(name =>
      name.startsWith('@backstage/'),
    );
    assert.deepEqual(Object.keys(pkg.peerDependencies).sort(), backstageDependencies.sort());
    assert.deepEqual(Object.keys(pkg.dependencies).filter(name => name.startsWith('@backstage/')), []);
    // The common package is on no registry: it travels inside the backend's package.
    assert.match(pkg.dependencies['backstage-plugin-luigi-common'], /^file:\.\/embedded\//);
    await stat(join(dir, 'embedded/backstage-plugin-luigi-common/dist/index.cjs.js'));
    assert.equal(pkg.bundleDependencies, true);
    const schema = await readJson(join(dir, 'dist/.config-schema.json'));
    assert.ok(JSON.stringify(schema).includes('keyEncryptionSecret'), 'the config schema travels with it');
  });

  test('the frontend is a module federation remote exposing ./alpha, with React from the portal', async () => {
    const dir = exported.exported[FRONTEND_DYNAMIC];
    assert.equal((await readJson(join(dir, 'package.json'))).name, FRONTEND_DYNAMIC);
    const manifest = await readJson(join(dir, 'dist/mf-manifest.json'));
    assert.ok(manifest.exposes.some(exposed => exposed.name === 'alpha'), './alpha is exposed');
    const react = manifest.shared.find(shared => shared.name === 'react');
    assert.equal(react?.singleton, true, 'React is a shared singleton');
  });
});

/** A Backstage token for the guest, as the guest sign-in gets one. */
async function guestToken() {
  const res = await fetch(`${HOST_ORIGIN}/api/auth/guest/refresh`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  assert.equal(res.status, 200);
  return (await res.json()).backstageIdentity.token;
}

/** Waits until the catalog has ingested `refs` (host/catalog.yaml): the backend answers before it has. */
async function waitForEntities(refs, timeoutMs = 60_000) {
  const token = await guestToken();
  const deadline = Date.now() + timeoutMs;
  for (const ref of refs) {
    const [kind, namespace, name] = ref.split(/[:/]/);
    const url = `${HOST_ORIGIN}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`;
    while ((await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status !== 200) {
      assert.ok(Date.now() < deadline, `the catalog has ${ref}`);
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
}

function requestToken(entityRef, token) {
  return fetch(`${HOST_ORIGIN}/api/luigi/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ entityRef }),
  });
}

describe('the host backend, through the dynamic feature service', () => {
  test('loads the luigi backend plugin from the dynamic plugins root, with its pluginConfig', async () => {
    assert.match(backend.log(), new RegExp(`loaded dynamic backend plugin '${BACKEND_DYNAMIC}'`));
    const res = await fetch(`${HOST_ORIGIN}/api/luigi/health`);
    assert.deepEqual(await res.json(), { status: 'ok' });
    // The plugin refuses to start without a key encryption secret: it came from the yaml's pluginConfig.
    assert.equal(pluginsConfig.luigi.tokens.keyEncryptionSecret, '${LUIGI_KEY_ENCRYPTION_SECRET}');
  });

  test('refuses a token request without credentials', async () => {
    const res = await requestToken(ORDERS);
    assert.equal(res.status, 401);
  });

  test('issues the guest a token for the micro app it owns, verifiable with the published keys', async () => {
    const res = await requestToken(ORDERS, await guestToken());
    assert.equal(res.status, 200);
    const { token } = await res.json();
    const keys = createRemoteJWKSet(new URL(`${HOST_ORIGIN}/api/luigi/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token, keys, { issuer: `${HOST_ORIGIN}/api/luigi`, audience: ORDERS });
    assert.equal(payload.sub, GUEST);
  });

  test("refuses the guest a token for a micro app the policy keeps from it", async () => {
    const res = await requestToken(BILLING, await guestToken());
    assert.equal(res.status, 403);
    assert.equal((await res.json()).error.name, 'NotAllowedError');
  });

  test('serves the frontend as a module federation remote', async () => {
    const remotes = await (await fetch(`${HOST_ORIGIN}/.backstage/dynamic-features/remotes`)).json();
    assert.deepEqual(remotes.map(remote => remote.packageName), [FRONTEND_DYNAMIC]);
    assert.ok(remotes[0].exposedModules.includes('alpha'));
    assert.equal((await fetch(remotes[0].remoteInfo.entry)).status, 200);
  });
});

describe('the host app, in a browser', () => {
  let browser;
  let page;

  before(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(`${HOST_ORIGIN}/luigi`);
    await page.getByRole('button', { name: /enter/i }).click();
  });

  after(async () => {
    await browser?.close();
  });

  const frame = () => page.frameLocator('[data-testid="luigi-container"] iframe');

  test("shows the page of the remote's plugin, listing only the micro app the guest may open", async () => {
    const nav = page.getByTestId('luigi-nav');
    await nav.waitFor({ timeout: 60_000 });
    const ids = await nav.locator('[data-testid^="luigi-nav-"]').evaluateAll(items => items.map(item => item.dataset.testid));
    assert.deepEqual(ids, ['luigi-nav-orders']);
  });

  test('opens Orders with a token of its own, which the micro app verifies', async () => {
    await page.getByTestId('luigi-nav-orders').click();
    await frame().locator('#verify-status', { hasText: /^verified$/ }).waitFor({ timeout: 30_000 });
    const claims = JSON.parse(await frame().locator('#verified-claims').textContent());
    assert.equal(claims.sub, GUEST);
    assert.equal(claims.aud, ORDERS);
  });

  test('denies Billing: the access denied panel and no frame', async () => {
    // Its address, as a link or a bookmark would open it.
    await page.goto(`${HOST_ORIGIN}/luigi#/billing`);
    await page.reload();
    const denied = page.getByTestId('luigi-access-denied');
    await denied.waitFor({ timeout: 30_000 });
    assert.match(await denied.textContent(), /You may not open billing/);
    assert.equal(await page.locator('iframe').count(), 0);
  });
});
