// The host portal of the dynamic plugins test: a Backstage repository outside this one, installed
// with npm from the registry, whose backend loads plugins only through the dynamic feature service
// and whose new-frontend-system app takes their frontend features from module federation remotes.
// Its sources are the files in ./host; this module writes its manifests, installs, builds and runs it.
import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npm, run } from './commands.mjs';

const SOURCES = fileURLToPath(new URL('./host/', import.meta.url));

/** The host's origin: its backend serves the API, the app and the remotes. */
export const HOST_ORIGIN = 'http://localhost:7601';

/** Versions of what is not one of this repository's dependencies. */
export const TOOLS = {
  // The exporter of dynamic plugins, and the yarn its backend export runs (`yarn install --production`).
  '@red-hat-developer-hub/cli': '1.9.1',
  yarn: '1.22.22',
  '@backstage/backend-dynamic-feature-service': '0.8.7',
  // What the app's module federation host is made of: the module that reads the shared dependencies
  // the Backstage CLI puts in the app's bundle (the CLI's own range), and the runtime it is built on.
  '@backstage/module-federation-common': '^0.1.7',
  '@module-federation/runtime': '~2.9.0',
};

/** The version of a package installed in this repository (`root`): the host runs what the tests run. */
async function installedVersion(root, name) {
  return JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

async function versions(root, names) {
  return Object.fromEntries(await Promise.all(names.map(async name => [name, await installedVersion(root, name)])));
}

async function writeJson(file, value) {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Writes the host at `dir` for this repository at `root`. Its backend provides, besides its own
 * plugins, the shared packages the luigi backend names (its @backstage/* dependencies, which the
 * export makes peer dependencies), as a portal does for the dynamic plugins it accepts.
 */
export async function writeHost({ dir, root }) {
  await cp(SOURCES, dir, { recursive: true });
  const backendManifest = JSON.parse(await readFile(join(root, 'plugins/luigi-backend/package.json'), 'utf8'));
  const sharedByPlugin = Object.keys(backendManifest.dependencies).filter(name => name.startsWith('@backstage/'));
  const repoManifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const react = await versions(root, ['react', 'react-dom', 'react-router-dom']);
  const types = await versions(root, ['@types/react', '@types/react-dom']);

  await writeJson(join(dir, 'packages/backend/package.json'), {
    name: 'backend',
    version: '0.0.0',
    private: true,
    backstage: { role: 'backend' },
    dependencies: {
      ...(await versions(root, [
        '@backstage/backend-defaults',
        '@backstage/plugin-app-backend',
        '@backstage/plugin-auth-backend',
        '@backstage/plugin-auth-backend-module-guest-provider',
        '@backstage/plugin-catalog-backend',
        '@backstage/plugin-permission-backend',
        '@backstage/plugin-permission-common',
        '@backstage/plugin-permission-node',
        ...sharedByPlugin,
      ])),
      '@backstage/backend-dynamic-feature-service': TOOLS['@backstage/backend-dynamic-feature-service'],
      app: '*',
    },
  });
  await writeJson(join(dir, 'packages/app/package.json'), {
    name: 'app',
    version: '0.0.0',
    private: true,
    backstage: { role: 'frontend' },
    dependencies: {
      ...react,
      ...(await versions(root, [
        '@backstage/core-components',
        '@backstage/frontend-defaults',
        '@backstage/frontend-plugin-api',
        '@backstage/plugin-app-react',
        '@backstage/plugin-catalog',
      ])),
      '@backstage/module-federation-common': TOOLS['@backstage/module-federation-common'],
      '@module-federation/runtime': TOOLS['@module-federation/runtime'],
    },
  });
  await writeJson(join(dir, 'package.json'), {
    name: 'dynamic-host',
    private: true,
    workspaces: ['packages/*'],
    devDependencies: {
      '@backstage/cli': await installedVersion(root, '@backstage/cli'),
      // The Backstage CLI's optional jsdom peer range, which npm enforces.
      jsdom: repoManifest.devDependencies.jsdom,
      ...types,
      // The plugin author's tools, installed with the host to share one npm run; nothing imports them.
      '@red-hat-developer-hub/cli': TOOLS['@red-hat-developer-hub/cli'],
      yarn: TOOLS.yarn,
    },
    // MUI v4's React peer range predates React 18 (see the README's note on npm-managed apps).
    overrides: { ...react, ...types },
  });
}

/**
 * Installs the host from the registry. Its database driver, better-sqlite3, is this repository's
 * (`root`) install instead: a native addon already built for this Node.js, whose build from source
 * would add a minute and test nothing of the plugins.
 */
export async function installHost(dir, root) {
  await npm(['install'], { cwd: dir, timeoutMs: 15 * 60_000 });
  await symlink(join(root, 'node_modules/better-sqlite3'), join(dir, 'node_modules/better-sqlite3'), 'dir');
}

/** Builds the host app for production, as `yarn build` in create-app's packages/app does. */
export async function buildHostApp(dir) {
  await run(join(dir, 'node_modules/.bin/backstage-cli'), ['package', 'build'], { cwd: join(dir, 'packages/app') });
}

/**
 * Whether the host backend is all up: the luigi plugin answers, and the frontend remotes are served
 * (the dynamic feature service adds their routes in a startup hook, after every plugin started;
 * until then the app's catch-all answers that path with the app's index.html).
 */
async function isReady() {
  const health = await fetch(`${HOST_ORIGIN}/api/luigi/health`);
  if (!health.ok) return false;
  const remotes = await fetch(`${HOST_ORIGIN}/.backstage/dynamic-features/remotes`);
  return remotes.ok && /json/.test(remotes.headers.get('content-type') ?? '');
}

/**
 * Starts the host backend with `configs` (relative to `dir`, later ones over earlier ones) and `env`;
 * resolves once it is all up, with its output so far (`log()`) and `stop()`.
 */
export async function startHostBackend({ dir, configs, env, timeoutMs = 120_000 }) {
  const args = ['packages/backend/src/index.js', ...configs.flatMap(config => ['--config', config])];
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', chunk => (output += chunk));
  child.stderr.on('data', chunk => (output += chunk));
  const exited = new Promise(resolve => child.once('exit', resolve));
  const backend = {
    log: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await isReady().catch(() => false)) return backend;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  await backend.stop();
  throw new Error(`the host backend did not start:\n${output.split('\n').slice(-60).join('\n')}`);
}

/** Where the host's dynamic plugins root is (its app-config's dynamicPlugins.rootDirectory). */
export const dynamicPluginsRoot = dir => join(dir, 'dynamic-plugins-root');

/** Makes the host's dynamic plugins root, empty. */
export const makeDynamicPluginsRoot = dir => mkdir(dynamicPluginsRoot(dir), { recursive: true });
