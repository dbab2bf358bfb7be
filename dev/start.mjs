// `npm start`: the whole dev portal with one command and no prompts: sample micro apps, the local
// OpenID Connect provider, the Backstage backend (catalog, auth, permissions, the luigi plugin), and
// the Backstage dev app with the plugin.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevBackend } from './backend/startDevBackend.mjs';
import { startMicroApps } from './microApps/server.mjs';
import { startOidcProvider } from './oidc/provider.mjs';
import { buildDevApp, DEV_APP_CONFIG } from './production/buildDevApp.mjs';
import { readAppConfig, serveBuiltApp } from './production/serveBuiltApp.mjs';
import { waitUntilAnswering } from './readiness.mjs';
import { parse, stringify } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The dev portal's page, and the luigi backend plugin's health endpoint. */
const PORTAL_URL = 'http://localhost:3000';
const BACKEND_HEALTH_URL = 'http://localhost:7007/api/luigi/health';
const system = process.argv.includes('--new-frontend-system') ? 'new' : 'legacy';
// --production: the legacy app built for production and served with the headers Backstage's backend
// sends (its Content-Security-Policy from backend.csp), instead of the dev server.
const production = process.argv.includes('--production');

const microApps = await startMicroApps();
// Token lifetime in seconds (default 60, so a rotation shows within a minute); the benchmark
// shortens it to see many rotations quickly.
const ttl = Number(process.env.LUIGI_DEV_TOKEN_TTL ?? 60);
const oidc = await startOidcProvider({ accessTokenTtl: ttl, idTokenTtl: ttl });
console.log(`micro apps: ${microApps.trustedOrigin} (allowlisted), ${microApps.untrustedOrigin} (not allowlisted)`);
console.log(`OIDC provider: ${oidc.issuer} (users alice, bob)`);

/**
 * LUIGI_DEV_EXTRA_CATALOG=<catalog file>: one more catalog file location next to the sample ones (the
 * benchmark's generated entities). Backstage replaces arrays when merging configs, so the extra
 * config repeats the dev config's locations and adds this one.
 */
function extraCatalogConfigs() {
  const file = process.env.LUIGI_DEV_EXTRA_CATALOG;
  if (!file) return [];
  const { locations } = parse(readFileSync(DEV_APP_CONFIG, 'utf8')).catalog;
  const config = join(tmpdir(), `luigi-dev-extra-catalog-${process.pid}.yaml`);
  writeFileSync(config, stringify({ catalog: { locations: [...locations, { type: 'file', target: resolve(file) }] } }));
  return [config];
}

const backend = await startDevBackend({
  configs: [DEV_APP_CONFIG, ...extraCatalogConfigs()],
  log: process.env.LUIGI_DEV_BACKEND_LOG !== '0',
  // A large extra catalog takes longer to ingest.
  timeoutMs: Number(process.env.LUIGI_DEV_BACKEND_TIMEOUT_MS ?? 120_000),
});
console.log('Backstage backend: http://localhost:7007 (catalog ingested)');

/** The dev server (rspack, with reload), or the production build behind Backstage's headers. */
async function startApp() {
  if (production) {
    console.log('building the dev portal for production …');
    const dir = await buildDevApp({ log: true });
    const server = await serveBuiltApp({ dir, port: 3000, appConfig: await readAppConfig(DEV_APP_CONFIG) });
    return { label: 'production build, backend.csp applied', stop: () => server.close(), exited: new Promise(() => {}) };
  }
  console.log(`dev portal (${system} frontend system): starting, bundling the app …`);
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'package',
      'start',
      '--entrypoint',
      system === 'new' ? 'dev/new-frontend' : 'dev',
      '--config',
      DEV_APP_CONFIG,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, BROWSER: 'none' } },
  );
  return {
    label: `${system} frontend system`,
    stop: async () => child.kill('SIGTERM'),
    exited: new Promise(resolve => child.on('exit', code => resolve(code ?? 0))),
  };
}

const app = await startApp();

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([app.stop(), backend.stop(), microApps.close(), oidc.close()]);
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
app.exited.then(code => stop(code));
backend.exited.then(code => stop(code || 1));

// Ready once the page and the backend answer: the dev server listens well before its first bundle
// is done, and a page opened earlier waits or fails.
try {
  await waitUntilAnswering([PORTAL_URL, BACKEND_HEALTH_URL], {
    exited: app.exited,
    slowAfterMs: 180_000,
    onSlow: waiting => console.log(`dev portal: still waiting for ${waiting.join(' and ')} to answer …`),
  });
  console.log(`dev portal ready (${app.label}): ${PORTAL_URL}`);
} catch {
  // The dev server stopped: stop() above ends the rest.
}
