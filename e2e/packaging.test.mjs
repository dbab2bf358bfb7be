// The packages as an app gets them: build and pack them as the README says, install the tarballs into
// a minimal host repository outside ours (one app per Backstage frontend system and a backend) with
// the README's install commands, set them up as docs/install.md says, on Node.js 22 as create-app
// wants, type-check them, bundle the apps for production and start them and the backend, which gets
// the permission policy of docs/access.md as an admin would install it.
// Any failing step fails the test. Run alone with `node --test e2e/packaging.test.mjs`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { parseAllDocuments, stringify } from 'yaml';
import { launchBrowser } from './browser.mjs';
import { run } from './childProcess.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoPackage = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const backendPackage = JSON.parse(await readFile(join(root, 'plugins/luigi-backend/package.json'), 'utf8'));
const README = await readFile(join(root, 'README.md'), 'utf8');
/** The install guide past the README's install commands, and the access guide with the policy recipe. */
const INSTALL_DOC = await readFile(join(root, 'docs/install.md'), 'utf8');
const ACCESS_DOC = await readFile(join(root, 'docs/access.md'), 'utf8');
const keep = process.env.LUIGI_KEEP_PACKAGING_TMP === '1';

const npm = (args, options) => run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, options);

/** Every bare module specifier a built file imports (statically, dynamically or in types). */
function importedPackages(source) {
  const specifiers = new Set();
  const pattern =
    /(?:\bfrom\s*|\bimport\s*\(\s*(?:\/\*[\s\S]*?\*\/\s*)?|\bimport\s+|\brequire\(\s*)['"]([^'"./][^'"]*)['"]/g;
  for (const match of source.matchAll(pattern)) {
    const parts = match[1].split('/');
    specifiers.add(match[1].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return specifiers;
}

async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter(entry => entry.isFile()).map(entry => join(entry.parentPath ?? entry.path, entry.name));
}

const timings = {};
async function timed(name, fn) {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings[name] = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  }
}

let work;
/** The host's Node.js being installed (`installHostNode`). */
let hostReady;
/** Per package name: its tarball and the folder it was unpacked into. */
const packs = {};
let host;

const PACKAGES = {
  frontend: 'backstage-plugin-luigi',
  common: 'backstage-plugin-luigi-common',
  backend: 'backstage-plugin-luigi-backend',
};

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'luigi-packaging-'));
  // The host's Node.js comes on the side, while this repository builds.
  hostReady = timed('host node', installHostNode);
  hostReady.catch(() => {});

  // 1. Build exactly as the README says: declarations, then every package's dist/.
  await timed('build', () => npm(['run', 'build'], { cwd: root }));

  // 2. Pack exactly as the README says. prepack refuses stale builds, rewrites the entry points to
  // dist and compiles the config schemas; postpack restores each package.json.
  await timed('pack', async () => {
    const out = join(work, 'packs');
    await mkdir(out);
    const workspaces = Object.values(PACKAGES).flatMap(name => ['-w', name]);
    await npm(['pack', ...workspaces, '--pack-destination', out], { cwd: root });
    for (const file of await readdir(out)) {
      const name = file.replace(/-\d+\.\d+\.\d+\.tgz$/, '');
      const dir = join(work, 'unpacked', name);
      await mkdir(dir, { recursive: true });
      await run('tar', ['xzf', join(out, file), '-C', dir]);
      packs[name] = { tarball: join(out, file), dir: join(dir, 'package') };
    }
  });
});

after(async () => {
  console.log(`packaging timings: ${JSON.stringify(timings)}${keep ? `, kept ${work}` : ''}`);
  if (work && !keep) await rm(work, { recursive: true, force: true });
});

const packedFiles = async name =>
  (await filesUnder(packs[name].dir)).map(file => file.slice(packs[name].dir.length + 1));
const packedJson = async (name, file = 'package.json') => JSON.parse(await readFile(join(packs[name].dir, file), 'utf8'));

describe('npm pack', () => {
  test('packs the three packages of the plugin family, each with its license', async () => {
    assert.deepEqual(Object.keys(packs).sort(), Object.values(PACKAGES).sort());
    for (const name of Object.values(PACKAGES)) {
      assert.ok((await packedFiles(name)).includes('LICENSE'), `${name} carries the license`);
      assert.equal((await packedJson(name)).license, 'Apache-2.0');
    }
  });

  test("the packed manifests hold no scripts and nothing else only this repository's development uses", async () => {
    for (const name of Object.values(PACKAGES)) {
      const pkg = await packedJson(name);
      // The repository's scripts name files the tarball does not hold (scripts/, dev/, e2e/), and a
      // lifecycle script would run in the app that installs the package.
      assert.equal(pkg.scripts, undefined, `${name}: no scripts`);
      for (const key of ['devDependencies', 'workspaces', 'overrides', 'allowScripts']) {
        assert.equal(pkg[key], undefined, `${name}: no ${key}`);
      }
      // Written at pack time only (scripts/trim-packed-manifest.mjs).
      assert.deepEqual(pkg.engines, { node: '22 || 24' }, `${name}: supports Node.js 22 and 24`);
    }
    // postpack put the repository's own manifests back.
    for (const dir of ['.', 'plugins/luigi-backend', 'plugins/luigi-common']) {
      const pkg = JSON.parse(await readFile(join(root, dir, 'package.json'), 'utf8'));
      assert.match(pkg.scripts?.prepack ?? '', /trim-packed-manifest/, `${dir}/package.json is restored`);
      await assert.rejects(stat(join(root, dir, 'package.json-prepack')), `${dir}: no backup left`);
    }
  });

  test('the frontend holds built JavaScript, types and the compiled config schema, and no sources', async () => {
    const files = await packedFiles(PACKAGES.frontend);
    for (const file of ['package.json', 'dist/index.esm.js', 'dist/index.d.ts', 'dist/alpha.esm.js', 'dist/alpha.d.ts', 'config.schema.json']) {
      assert.ok(files.includes(file), `${file} is in the tarball`);
    }
    assert.deepEqual(files.filter(file => !file.startsWith('dist/') && !/^(package\.json|config\.schema\.json|README\.md|LICENSE)$/.test(file)), []);

    const pkg = await packedJson(PACKAGES.frontend);
    assert.equal(pkg.main.replace(/^\.\//, ''), 'dist/index.esm.js');
    assert.equal(pkg.types.replace(/^\.\//, ''), 'dist/index.d.ts');
    assert.deepEqual(pkg.exports['.'], { import: './dist/index.esm.js', types: './dist/index.d.ts', default: './dist/index.esm.js' });
    assert.equal(pkg.exports['./alpha'].types, './dist/alpha.d.ts');
    assert.equal(pkg.exports['./alpha'].import, './dist/alpha.esm.js');
    // Marked as a new-frontend-system plugin, which `app.packages: all` discovery relies on.
    assert.equal(pkg.backstage.features['./alpha'], '@backstage/FrontendPlugin');
    assert.deepEqual(pkg.typesVersions['*'].alpha, ['dist/alpha.d.ts']);
    assert.equal(pkg.configSchema, 'config.schema.json');

    const schema = await packedJson(PACKAGES.frontend, 'config.schema.json');
    assert.equal(schema.properties.luigi.properties.allowedOrigins.visibility, 'frontend');
  });

  test('the backend holds the plugin, the catalog, auth and scaffolder modules as backend features, with its config schema', async () => {
    const files = await packedFiles(PACKAGES.backend);
    for (const file of ['dist/index.cjs.js', 'dist/index.d.ts', 'dist/catalog.cjs.js', 'dist/catalog.d.ts', 'dist/auth.cjs.js', 'dist/auth.d.ts', 'dist/scaffolder.cjs.js', 'dist/scaffolder.d.ts', 'config.schema.json']) {
      assert.ok(files.includes(file), `${file} is in the tarball`);
    }
    // The database migrations run from the installed package (signing keys of micro app tokens).
    assert.ok(files.some(file => /^migrations\/\d+_signing_keys\.js$/.test(file)), 'the migrations are in the tarball');
    assert.deepEqual(
      files.filter(file => !/^(dist|migrations)\//.test(file) && !/^(package\.json|config\.schema\.json|LICENSE)$/.test(file)),
      [],
    );
    const pkg = await packedJson(PACKAGES.backend);
    assert.equal(pkg.backstage.role, 'backend-plugin');
    assert.equal(pkg.backstage.pluginId, 'luigi');
    assert.deepEqual(pkg.backstage.features, {
      '.': '@backstage/BackendFeature',
      './auth': '@backstage/BackendFeature',
      './catalog': '@backstage/BackendFeature',
      './scaffolder': '@backstage/BackendFeature',
    });
    const schema = await packedJson(PACKAGES.backend, 'config.schema.json');
    assert.equal(schema.properties.luigi.properties.allowedOrigins.visibility, 'frontend');
  });

  test('the common package holds CommonJS, ESM and types', async () => {
    const files = await packedFiles(PACKAGES.common);
    for (const file of ['dist/index.cjs.js', 'dist/index.esm.js', 'dist/index.d.ts']) {
      assert.ok(files.includes(file), `${file} is in the tarball`);
    }
    assert.equal((await packedJson(PACKAGES.common)).backstage.role, 'common-library');
  });

  for (const name of Object.values(PACKAGES)) {
    test(`${name} declares exactly the packages its built code and types import as dependencies`, async () => {
      const pkg = await packedJson(name);
      const declared = new Set(Object.keys(pkg.dependencies ?? {}));
      const peers = new Set(Object.keys(pkg.peerDependencies ?? {}));
      const imported = new Set();
      for (const file of await filesUnder(join(packs[name].dir, 'dist'))) {
        if (!/\.(js|d\.ts)$/.test(file)) continue;
        for (const dependency of importedPackages(await readFile(file, 'utf8'))) imported.add(dependency);
      }
      imported.delete(pkg.name);
      for (const builtin of [...imported].filter(dependency => dependency.startsWith('node:'))) imported.delete(builtin);
      const undeclared = [...imported].filter(dependency => !declared.has(dependency) && !peers.has(dependency));
      assert.deepEqual(undeclared, [], 'every imported package is a dependency or peer dependency');
      const unused = [...declared].filter(dependency => !imported.has(dependency));
      assert.deepEqual(unused, [], 'every dependency is used by the built package');
      if (name === PACKAGES.frontend) {
        assert.ok(imported.has('@luigi-project/core'), "Luigi's assets are left to the app's bundler");
      }
    });
  }
});

// A minimal Backstage repository outside ours: one app per frontend system, installed with npm.
const BACKSTAGE = {
  '@backstage/app-defaults': repoPackage.devDependencies['@backstage/app-defaults'],
  '@backstage/catalog-model': repoPackage.dependencies['@backstage/catalog-model'],
  '@backstage/cli': repoPackage.devDependencies['@backstage/cli'],
  '@backstage/core-app-api': repoPackage.devDependencies['@backstage/core-app-api'],
  '@backstage/core-components': repoPackage.dependencies['@backstage/core-components'],
  '@backstage/core-plugin-api': repoPackage.dependencies['@backstage/core-plugin-api'],
  '@backstage/frontend-plugin-api': repoPackage.dependencies['@backstage/frontend-plugin-api'],
  '@backstage/frontend-defaults': repoPackage.devDependencies['@backstage/frontend-defaults'],
  '@backstage/plugin-catalog': repoPackage.devDependencies['@backstage/plugin-catalog'],
};

const LEGACY_APP = `import { createApp } from '@backstage/app-defaults';
import { Entity } from '@backstage/catalog-model';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import { SignInPage, Sidebar, SidebarPage } from '@backstage/core-components';
import { configApiRef, createApiFactory, oktaAuthApiRef } from '@backstage/core-plugin-api';
import { CatalogEntityPage, EntityLayout, catalogPlugin } from '@backstage/plugin-catalog';
import {
  AuthApiTokenSource,
  EntityLuigiContent,
  LuigiPage,
  LuigiSidebarItem,
  LUIGI_VIEW_URL_ANNOTATION,
  isLuigiAvailable,
  luigiPlugin,
  luigiTokenSourceApiRef,
} from 'backstage-plugin-luigi';
import { createRoot } from 'react-dom/client';
import { Route } from 'react-router-dom';

// The entity page tab of docs/install.md.
const entityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/luigi" title="Micro frontend" if={isLuigiAvailable}>
      <EntityLuigiContent />
    </EntityLayout.Route>
  </EntityLayout>
);

const sample: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', annotations: { [LUIGI_VIEW_URL_ANNOTATION]: 'https://apps.example.com/orders/' } },
};
if (!isLuigiAvailable(sample)) throw new Error('isLuigiAvailable');

const app = createApp({
  plugins: [catalogPlugin, luigiPlugin],
  apis: [
    // The token source override of docs/tokens.md: micro apps get the user's Okta token chosen in app-config.
    createApiFactory({
      api: luigiTokenSourceApiRef,
      deps: { auth: oktaAuthApiRef, config: configApiRef },
      factory: ({ auth, config }) => AuthApiTokenSource.fromConfig(auth, config),
    }),
  ],
  // As in an app made by create-app: the auth backend's guest provider.
  components: { SignInPage: props => <SignInPage {...props} auto providers={['guest']} /> },
});

const App = app.createRoot(
  <AppRouter>
    <SidebarPage>
      <Sidebar>
        <LuigiSidebarItem text="Apps" />
      </Sidebar>
      <FlatRoutes>
        <Route path="/luigi" element={<LuigiPage title="Apps" />} />
        <Route path="/catalog/:namespace/:kind/:name" element={<CatalogEntityPage />}>
          {entityPage}
        </Route>
      </FlatRoutes>
    </SidebarPage>
  </AppRouter>,
);

createRoot(document.getElementById('root')!).render(<App />);
`;

const NEW_APP = `import { createApp } from '@backstage/frontend-defaults';
import { ApiBlueprint, createFrontendModule, oktaAuthApiRef } from '@backstage/frontend-plugin-api';
import { AuthApiTokenSource, luigiTokenSourceApiRef } from 'backstage-plugin-luigi';
import luigiPlugin from 'backstage-plugin-luigi/alpha';
import { createRoot } from 'react-dom/client';

// The token source override of docs/tokens.md: micro apps get the user's Okta access token.
const luigiTokenSource = createFrontendModule({
  pluginId: 'luigi',
  extensions: [
    ApiBlueprint.make({
      name: 'token-source',
      params: defineParams =>
        defineParams({
          api: luigiTokenSourceApiRef,
          deps: { authApi: oktaAuthApiRef },
          factory: ({ authApi }) => new AuthApiTokenSource(authApi, { kind: 'access' }),
        }),
    }),
  ],
});

// With app.packages: all in app-config the plugin is discovered too; listing it is harmless.
const app = createApp({ features: [luigiPlugin, luigiTokenSource] });

createRoot(document.getElementById('root')!).render(app.createRoot());
`;

/**
 * The install step for app-config (`luigi.allowedOrigins` and `backend.csp`) of docs/install.md, as
 * written there: the host apps are built and served with it, so a step missing from it fails here.
 */
function readmeAppConfig() {
  // A block may hold several documents (RBAC's conditional policies): each is a candidate.
  const blocks = [...INSTALL_DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].flatMap(match => parseAllDocuments(match[1]).map(doc => doc.toJS()));
  const install = blocks.find(block => block?.luigi?.allowedOrigins && block?.backend?.csp);
  assert.ok(install, 'docs/install.md has an app-config block with luigi.allowedOrigins and backend.csp');
  return install;
}

const README_CONFIG = readmeAppConfig();

/** The section of `text` (the README's, by default) under `heading`, up to the next heading of its level or above, as written. */
function readmeSection(heading, text = README) {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `the README or docs have a section "${heading}"`);
  const level = heading.match(/^#+/)[0].length;
  let fenced = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    if (lines[end].startsWith('```')) fenced = !fenced;
    const match = !fenced && lines[end].match(/^(#+) /);
    if (match && match[1].length <= level) break;
  }
  return lines.slice(start + 1, end).join('\n');
}

/**
 * The recipe for a permission policy in a backend made by create-app of docs/access.md, as written there: the
 * packages its `yarn --cwd packages/backend add` lines add, the module's file (the block after the text
 * naming `packages/backend/src/portalPolicy.ts`) and the edit of the backend's index.ts (the diff after
 * the text naming `packages/backend/src/index.ts`).
 */
function readmePolicyRecipe() {
  const section = readmeSection('## Install a permission policy', ACCESS_DOC);
  const blockAfter = (file, language) => {
    const escaped = file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    // The first fenced block after the file's name, with only prose between them.
    const match = section.match(new RegExp(`\`${escaped}\`(?:(?!\`\`\`)[\\s\\S])*?\\n\`\`\`${language}\\n([\\s\\S]*?)\`\`\``));
    assert.ok(match, `the policy recipe of docs/access.md has a ${language} block for ${file}`);
    return match[1];
  };
  const packages = [...section.matchAll(/^yarn --cwd packages\/backend add ([^#\n]+)/gm)].flatMap(match =>
    match[1].trim().split(/\s+/),
  );
  const file = 'packages/backend/src/portalPolicy.ts';
  return { packages, file, source: blockAfter(file, 'ts'), indexDiff: blockAfter('packages/backend/src/index.ts', 'diff') };
}

const README_POLICY = readmePolicyRecipe();

/** Where the README's install commands expect the tarballs, relative to the app repository's root. */
const VENDOR = 'vendor/luigi';

/**
 * The README's commands that install the tarballs into an app made by create-app, as written there:
 * the ```sh blocks of "## Install into your Backstage app" that add the frontend to `packages/app` and
 * the backend to `packages/backend`, one with yarn and one with npm, each after the line that points
 * the common package at its tarball (`resolutions`, `overrides`).
 */
function readmeInstallCommands() {
  const section = readmeSection('## Install into your Backstage app');
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map(match =>
    match[1].split('\n').filter(line => line.trim() && !line.trim().startsWith('#')),
  );
  const find = (manager, adds) => {
    const block = blocks.find(lines => adds.every(add => lines.some(add)));
    assert.ok(block, `the README says how to install the tarballs with ${manager}`);
    return block;
  };
  return {
    yarn: find('yarn', [
      line => /^yarn --cwd packages\/app add backstage-plugin-luigi@file:/.test(line),
      line => /^yarn --cwd packages\/backend add backstage-plugin-luigi-backend@file:/.test(line),
    ]),
    npm: find('npm', [
      line => /^npm install \S+\/backstage-plugin-luigi-[\d.]+\.tgz -w packages\/app$/.test(line),
      line => /^npm install \S+\/backstage-plugin-luigi-backend-[\d.]+\.tgz -w packages\/backend$/.test(line),
    ]),
  };
}

const README_INSTALL = readmeInstallCommands();

/**
 * `source` with the README's diff applied as an admin would: its context and removed lines, which
 * must occur exactly once, become its context and added lines.
 */
function applyReadmeDiff(source, diff) {
  const lines = diff.replace(/\n$/, '').split('\n').map(line => (line === '' ? ' ' : line));
  assert.deepEqual(lines.filter(line => !/^[ +-]/.test(line)), [], "the README's edit of index.ts is a diff");
  const side = sign => lines.filter(line => line[0] === ' ' || line[0] === sign).map(line => line.slice(1)).join('\n');
  const before = `${side('-')}\n`;
  assert.equal(source.split(before).length, 2, "the README's diff applies once to create-app's index.ts");
  return source.replace(before, () => `${side('+')}\n`);
}

// The install step of docs/install.md takes luigi.tokens.keyEncryptionSecret from this environment variable, as a
// production secret would be: a throwaway here, inherited by the host backend and the builds.
process.env.LUIGI_KEY_ENCRYPTION_SECRET ??= randomBytes(32).toString('base64');
// As in production, the backend serves the app: app and API share one origin. Not 7007, where the dev
// portal's backend may be running.
const BACKEND_PORT = 7470;
const APP_CONFIG = {
  app: { title: 'Luigi packaging test', baseUrl: `http://localhost:${BACKEND_PORT}`, packages: 'all' },
  backend: { baseUrl: `http://localhost:${BACKEND_PORT}`, ...README_CONFIG.backend },
  luigi: README_CONFIG.luigi,
};

// The host backend's src/index.ts as @backstage/create-app (0.9) writes it, for the plugins this host
// has (app, auth with the guest provider, catalog, the permission framework with the allow-all
// policy), comments and line breaks included (the README's policy step is a diff against them), plus
// the README's backend install step. It runs as create-app's `yarn start` runs it: the TypeScript
// itself, through the Backstage CLI's Node transform.
const BACKEND_TS = `import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// See https://backstage.io/docs/permissions/getting-started for how to create your own permission policy
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('backstage-plugin-luigi-backend'));
backend.add(import('backstage-plugin-luigi-backend/catalog'));

backend.start();
`;

/** The allow-all policy module's release built on backend-plugin-api 1.12 and permission-node 0.11. */
const ALLOW_ALL_POLICY = '@backstage/plugin-permission-backend-module-allow-all-policy';
const ALLOW_ALL_POLICY_VERSION = '^0.2.25';

/** The version range this repository uses of a package (the root's or the backend plugin's). */
function repoVersion(name) {
  if (name === ALLOW_ALL_POLICY) return ALLOW_ALL_POLICY_VERSION;
  for (const pkg of [repoPackage, backendPackage]) {
    const range = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
    if (range) return range;
  }
  throw new Error(`no version of ${name} in this repository`);
}

// The host backend's Backstage dependencies: those of create-app's packages/backend/package.json that
// its index.ts above uses, and those it lists for policies, then the README's additions.
const HOST_BACKEND_PACKAGES = [
  '@backstage/backend-defaults',
  '@backstage/plugin-app-backend',
  '@backstage/plugin-auth-backend',
  '@backstage/plugin-auth-backend-module-guest-provider',
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-permission-backend',
  ALLOW_ALL_POLICY,
  '@backstage/plugin-permission-common',
  '@backstage/plugin-permission-node',
  ...README_POLICY.packages,
];

/** The guest's entity ref (the guest provider's default) and the one registration it owns. */
const GUEST = 'user:development/guest';

/** An OpenMFP content configuration whose one node puts a web component in the portal page. */
const WEB_COMPONENT_CONFIGURATION = JSON.stringify({
  name: 'widget',
  luigiConfigFragment: { data: { nodes: [{ urlSuffix: '/widget/', webcomponent: { selfRegistered: true } }] } },
});

/** Good and bad registrations for the host backend's catalog. */
const HOST_CATALOG = [
  ['good', 'https://apps.example.com/good/'],
  ['bad', 'https://evil.example.net/bad/'],
  ['widget', 'https://apps.example.com/widget/', { 'luigi-project.io/content-configuration': WEB_COMPONENT_CONFIGURATION }],
  ['mine', 'https://apps.example.com/mine/', {}, GUEST],
]
  .map(([name, url, more = {}, owner = 'team-a']) =>
    stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, annotations: { 'luigi-project.io/view-url': url, ...more } },
      spec: { type: 'website', lifecycle: 'production', owner },
    }),
  )
  .join('---\n');

async function writeHostBackend(dir, dependencies) {
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'backend', version: '0.0.0', private: true, backstage: { role: 'backend' }, dependencies }, null, 2),
  );
  await writeFile(join(dir, 'src/index.ts'), BACKEND_TS);
  await writeFile(join(dir, 'catalog.yaml'), HOST_CATALOG);
}

async function writeHostApp(dir, name, dependencies, source) {
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '0.0.0', private: true, backstage: { role: 'frontend' }, dependencies }, null, 2),
  );
  await writeFile(join(dir, 'src/index.tsx'), source);
}

/**
 * Starts the host backend (`packages/backend/src/index.ts`, as `yarn start` does) on BACKEND_PORT with
 * the README's `luigi` block, an in-memory database, the good and bad registrations, the guest sign-in
 * (the test runs it in production mode) and `extra` merged over that (`app`, `backend`, `permission`,
 * `guest`: the guest provider's config). Gives `get`, `until`, `processed`, `signIn`, `decide`, `log`
 * and `stop`.
 */
async function startHostBackend(name, extra) {
  const origin = `http://localhost:${BACKEND_PORT}`;
  // A static token for the test's own catalog reads.
  const token = randomBytes(24).toString('hex');
  const config = join(host, `backend-config.${name}.yaml`);
  await writeFile(
    config,
    stringify({
      app: { title: 'Luigi packaging test', baseUrl: origin, packages: 'all', ...extra.app },
      backend: {
        baseUrl: origin,
        listen: { port: BACKEND_PORT, host: '127.0.0.1' },
        database: { client: 'better-sqlite3', connection: ':memory:' },
        auth: { externalAccess: [{ type: 'static', options: { token, subject: 'packaging-test' } }] },
        ...extra.backend,
      },
      auth: {
        environment: 'development',
        session: { secret: randomBytes(24).toString('hex') },
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true, ...extra.guest } },
      },
      ...(extra.permission ? { permission: extra.permission } : {}),
      catalog: {
        processingInterval: { seconds: 1 },
        rules: [{ allow: ['Component', 'Location'] }],
        locations: [{ type: 'file', target: join(host, 'packages/backend/catalog.yaml') }],
      },
      luigi: README_CONFIG.luigi,
    }),
  );
  const nodeTransform = createRequire(join(host, 'node_modules/@backstage/cli/package.json')).resolve(
    '@backstage/cli-node/config/nodeTransform.cjs',
  );
  const child = spawn(hostNode, ['--enable-source-maps', '--require', nodeTransform, 'src/index.ts', '--config', config], {
    cwd: join(host, 'packages/backend'),
    env: { ...process.env, ...hostEnv, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', chunk => (output += chunk));
  child.stderr.on('data', chunk => (output += chunk));
  const get = async (path, headers = {}) => {
    try {
      const response = await fetch(`${origin}/api${path}`, { headers, signal: AbortSignal.timeout(2000) });
      return response.ok ? response.json() : undefined;
    } catch {
      return undefined;
    }
  };
  const until = async (what, probe) => {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      const value = await probe();
      if (value) return value;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    throw new Error(`${what} did not happen; the backend said:\n${output.slice(-3000)}`);
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGTERM');
    // A graceful shutdown can wait on the browser's keep-alive connections: do not wait forever.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const problems = entity =>
    (entity.status?.items ?? []).filter(item => item.type === 'backstage.io/catalog-processing').map(item => item.error.message);
  /** The registration's entity once the catalog has processed it, with its problems. */
  const processed = async entityName => {
    const entity = await until(`processing of ${entityName}`, async () => {
      const found = await get(`/catalog/entities/by-name/component/default/${entityName}`, { Authorization: `Bearer ${token}` });
      return found?.status?.items !== undefined || (found && entityName === 'good') ? found : undefined;
    });
    return { entity, problems: problems(entity) };
  };
  /** A token of the guest, signed in through the guest provider as the app's sign-in page does. */
  const signIn = async () => {
    const response = await fetch(`${origin}/api/auth/guest/refresh`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    assert.equal(response.status, 200, `guest sign-in: ${await response.clone().text()}`);
    return (await response.json()).backstageIdentity.token;
  };
  /** The backend's access decisions for `entityRefs`, asked with the user's `token`, as the page asks. */
  const decide = async (token, entityRefs) => {
    const response = await fetch(`${origin}/api/luigi/access/decisions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRefs }),
    });
    assert.equal(response.status, 200, `decisions: ${await response.clone().text()}`);
    return response.json();
  };
  /** Waits until the catalog holds `good` and `mine` with their owners (policy conditions need them). */
  const owned = () =>
    until('the registrations with their owners', async () => {
      const owners = await Promise.all(
        ['good', 'mine'].map(async entityName => {
          const entity = await get(`/catalog/entities/by-name/component/default/${entityName}`, { Authorization: `Bearer ${token}` });
          return entity?.relations?.find(relation => relation.type === 'ownedBy')?.targetRef;
        }),
      );
      return owners.every(Boolean);
    });
  return { origin, get, until, processed, owned, signIn, decide, log: () => output, stop };
}

/**
 * The host backend with the permission framework on (`guest`: the guest's config), once it answers
 * and the catalog holds the guest's entity: what the policy tests ask. Times its start as `step`.
 */
async function startPolicyHostBackend(name, step, guest) {
  const backend = await startHostBackend(name, { app: { packageName: LEGACY }, permission: { enabled: true }, ...(guest ? { guest } : {}) });
  try {
    await timed(step, async () => {
      await backend.until('health', () => backend.get('/luigi/health'));
      await backend.owned();
    });
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return backend;
}

const GOOD = 'component:default/good';
const MINE = 'component:default/mine';

/** A backend's log entries (JSON lines, as the backend logs in production). */
function logEntries(log) {
  return log.split('\n').flatMap(line => {
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

/**
 * What tells an admin that the policy lets every user open every micro app, in a backend's log: the
 * luigi plugin's warnings that name the allow-all module, and its audit events for it.
 */
function openToEveryoneAlarms(log) {
  const entries = logEntries(log);
  return {
    warnings: entries.filter(entry => entry.level === 'warn' && entry.plugin === 'luigi' && /allow-all/.test(entry.message)),
    events: entries.filter(entry => entry.isAuditEvent && entry.plugin === 'luigi' && entry.eventId === 'policy-open-to-everyone'),
  };
}

/**
 * The host's Node.js: an app made by create-app wants 22 or 24 (its engines), so the host installs,
 * type-checks, bundles and runs on Node.js 22, while this repository's own tools stay on the Node.js
 * that runs this test. The node-<platform>-<arch> packages on the npm registry ship the binary with its
 * headers, which native addons (better-sqlite3) build against.
 */
const HOST_NODE_PACKAGE = `node-${process.platform}-${process.arch}@22`;
/** The host's node binary, and what commands in the host run with: its node and npm's settings. */
let hostNode;
let hostEnv;

async function installHostNode() {
  const dir = join(work, 'host-node');
  await mkdir(dir);
  await npm(['pack', HOST_NODE_PACKAGE, '--pack-destination', dir, '--loglevel=error'], { cwd: dir });
  const [tarball] = (await readdir(dir)).filter(file => file.endsWith('.tgz'));
  await run('tar', ['xzf', join(dir, tarball), '-C', dir, '--strip-components=1']);
  await rm(join(dir, tarball));
  hostNode = join(dir, 'bin/node');
  hostEnv = {
    // `node` (and so npm, and the scripts it runs) is the host's.
    PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH}`,
    // Native addons build for it, against its headers.
    npm_config_nodedir: dir,
    // As an admin's npm configuration could say; the README's commands stay as written.
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_loglevel: 'error',
  };
  assert.match(await run(hostNode, ['--version']), /^v22\./);
}

/** Runs the README's commands, one line at a time, in the host's root, on the host's Node.js. */
async function runReadmeCommands(lines) {
  for (const line of lines) await run('sh', ['-c', line], { cwd: host, env: hostEnv });
}

/** The legacy app is create-app's packages/app; the new system's is a second app the same commands give the plugin. */
const LEGACY = 'app';
const NEW = 'app-new';

const REACT = {
  react: repoPackage.devDependencies.react,
  'react-dom': repoPackage.devDependencies['react-dom'],
  'react-router-dom': repoPackage.devDependencies['react-router-dom'],
};
const LEGACY_APP_DEPENDENCIES = {
  ...REACT,
  '@backstage/app-defaults': BACKSTAGE['@backstage/app-defaults'],
  '@backstage/catalog-model': BACKSTAGE['@backstage/catalog-model'],
  '@backstage/core-app-api': BACKSTAGE['@backstage/core-app-api'],
  '@backstage/core-components': BACKSTAGE['@backstage/core-components'],
  '@backstage/core-plugin-api': BACKSTAGE['@backstage/core-plugin-api'],
  '@backstage/plugin-catalog': BACKSTAGE['@backstage/plugin-catalog'],
};

describe('host apps', () => {
  before(async () => {
    host = join(work, 'host');
    await hostReady;
    await writeHostApp(join(host, 'packages', LEGACY), LEGACY, LEGACY_APP_DEPENDENCIES, LEGACY_APP);
    await writeHostApp(join(host, 'packages', NEW), NEW, {
      ...REACT,
      '@backstage/frontend-defaults': BACKSTAGE['@backstage/frontend-defaults'],
      '@backstage/frontend-plugin-api': BACKSTAGE['@backstage/frontend-plugin-api'],
      // Not imported: app.packages: all brings it in, as in an app made by create-app.
      '@backstage/plugin-catalog': BACKSTAGE['@backstage/plugin-catalog'],
    }, NEW_APP);
    // The host's backend: Backstage's backend with the catalog and the permission framework, what the
    // README's policy step adds, and better-sqlite3 as create-app's backend has it (npm builds it at
    // install, for the host's Node.js).
    await writeHostBackend(join(host, 'packages/backend'), {
      ...Object.fromEntries(HOST_BACKEND_PACKAGES.map(name => [name, repoVersion(name)])),
      // The apps it serves (app.packageName picks one), as packages/backend depends on packages/app.
      [LEGACY]: '*',
      [NEW]: '*',
      'better-sqlite3': repoVersion('better-sqlite3'),
    });
    await writeFile(
      join(host, 'package.json'),
      JSON.stringify(
        {
          name: 'luigi-host',
          private: true,
          workspaces: ['packages/*'],
          devDependencies: {
            '@backstage/cli': BACKSTAGE['@backstage/cli'],
            '@types/react': repoPackage.devDependencies['@types/react'],
            '@types/node': repoPackage.devDependencies['@types/node'],
            '@types/react-dom': repoPackage.devDependencies['@types/react-dom'],
            typescript: repoPackage.devDependencies.typescript,
            // The Backstage CLI's optional jsdom peer range, which npm (unlike yarn) enforces.
            jsdom: repoPackage.devDependencies.jsdom,
          },
          // As the README says for an npm-installed app: MUI v4's React peer range predates React 18.
          overrides: {
            react: repoPackage.devDependencies.react,
            'react-dom': repoPackage.devDependencies['react-dom'],
            '@types/react': repoPackage.devDependencies['@types/react'],
            '@types/react-dom': repoPackage.devDependencies['@types/react-dom'],
          },
        },
        null,
        2,
      ),
    );
    await writeFile(
      join(host, 'tsconfig.json'),
      JSON.stringify(
        {
          extends: '@backstage/cli/config/tsconfig.json',
          include: ['packages/*/src'],
          compilerOptions: { noEmit: true, jsx: 'react-jsx', skipLibCheck: false, types: ['node'] },
        },
        null,
        2,
      ),
    );
    await writeFile(join(host, 'app-config.yaml'), stringify(APP_CONFIG));
    // The tarballs where the README puts them, under the names npm pack gave them.
    await mkdir(join(host, VENDOR), { recursive: true });
    for (const { tarball } of Object.values(packs)) await copyFile(tarball, join(host, VENDOR, basename(tarball)));
    const named = README_INSTALL.npm.flatMap(line => [...line.matchAll(/[^\s=]+\.tgz/g)].map(match => basename(match[0])));
    assert.deepEqual([...new Set(named)].sort(), Object.values(packs).map(({ tarball }) => basename(tarball)).sort(), "the README's commands name the packed tarballs");
    // The app as create-app leaves it: installed. Then the README's npm commands, as written, the
    // frontend's for both apps at once (packages/app is the legacy one).
    await timed('install', () => run('npm', ['install'], { cwd: host, env: hostEnv }));
    const commands = README_INSTALL.npm.map(line => line.replace(/ -w packages\/app$/, ` -w packages/${LEGACY} -w packages/${NEW}`));
    await timed("README's install commands", () => runReadmeCommands(commands));
  });

  test('the installed package is the built one, with its config schema', async () => {
    // Each half and the common package they share come from the tarballs.
    for (const [dir, name] of [[`packages/${LEGACY}`, PACKAGES.frontend], [`packages/${NEW}`, PACKAGES.frontend], ['packages/backend', PACKAGES.backend]]) {
      const { dependencies } = JSON.parse(await readFile(join(host, dir, 'package.json'), 'utf8'));
      assert.match(dependencies[name] ?? '', /^file:.*\.tgz$/, `${dir} depends on the ${name} tarball`);
    }
    const lock = JSON.parse(await readFile(join(host, 'package-lock.json'), 'utf8'));
    assert.match(lock.packages['node_modules/backstage-plugin-luigi-common']?.resolved ?? '', /\.tgz$/, 'the common package is the tarball');
    const installed = join(host, 'node_modules/backstage-plugin-luigi');
    await stat(join(installed, 'dist/alpha.esm.js'));
    await stat(join(installed, 'config.schema.json'));
    await assert.rejects(stat(join(installed, 'src')), 'no sources are installed');
  });

  test('both apps type-check against the published types', async () => {
    await timed('tsc', () =>
      run(hostNode, [join(host, 'node_modules/typescript/bin/tsc'), '-p', host], { cwd: host, env: hostEnv }),
    );
  });

  for (const app of [LEGACY, NEW]) {
    test(`${app} bundles for production, with Luigi core in its own chunk`, async () => {
      const dir = join(host, 'packages', app);
      await timed(`bundle ${app}`, () =>
        run(hostNode, [join(host, 'node_modules/@backstage/cli/bin/backstage-cli'), 'package', 'build'], {
          cwd: dir,
          env: hostEnv,
        }),
      );
      const files = await filesUnder(join(dir, 'dist/static'));
      const scripts = files.filter(file => file.endsWith('.js'));
      assert.ok(scripts.length > 0, 'the bundle has scripts');
      // A message name only Luigi core handles, and text only the plugin's engine has.
      const coreChunks = [];
      const pluginChunks = [];
      for (const file of scripts) {
        const text = await readFile(file, 'utf8');
        if (text.includes('luigi.navigation.open')) coreChunks.push(file);
        if (text.includes('Luigi core loaded but did not register window.Luigi')) pluginChunks.push(file);
      }
      assert.equal(coreChunks.length, 1, 'Luigi core is bundled once');
      assert.equal(pluginChunks.length, 1, 'the plugin is bundled once');
      assert.notEqual(coreChunks[0], pluginChunks[0], 'Luigi core is a chunk of its own');
      const html = await readFile(join(dir, 'dist/index.html'), 'utf8');
      const coreName = coreChunks[0].split('/').pop();
      assert.equal(html.includes(coreName), false, 'loaded lazily, not by the page');
      if (app === NEW) {
        const detected = await readFile(join(dir, 'node_modules/__backstage-autodetected-plugins__.js'), 'utf8');
        assert.match(detected, /backstage-plugin-luigi\/alpha/, 'app.packages: all discovers the plugin');
        assert.match(detected, /@backstage\/plugin-catalog\/alpha/, 'and the catalog plugin');
      }
    });
  }

  test('the host backend starts with the plugin and its catalog module, which flags a bad registration', async () => {
    const backend = await startHostBackend('flags', { app: { packageName: LEGACY } });
    try {
      assert.deepEqual(await backend.until('health', () => backend.get('/luigi/health')), { status: 'ok' });
      assert.deepEqual((await backend.processed('bad')).problems, [
        'Micro frontend not shown: luigi-project.io/view-url: origin https://evil.example.net is not in luigi.allowedOrigins',
      ]);
      assert.deepEqual((await backend.processed('good')).problems, []);
      assert.deepEqual((await backend.processed('widget')).problems, [
        'Micro frontend not shown: luigi-project.io/content-configuration: content configuration, as node settings: ' +
          'webcomponent: is not supported: web-component nodes run their script in the portal page',
      ]);
      // The installed package migrated its database and publishes a key for micro app tokens.
      const { keys } = await backend.get('/luigi/.well-known/jwks.json');
      assert.equal(keys.length >= 1, true, 'a published signing key');
      assert.deepEqual(Object.keys(keys[0]).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      assert.equal(keys[0].alg, 'ES256');
    } finally {
      await backend.stop();
    }
  });

  test("the host backend serves each app under Backstage's Content-Security-Policy, with the micro apps page", async () => {
    // As in production: the backend's app plugin serves the built app with the root HTTP router's
    // security headers, from the same app-config: first as the README says, then without the
    // README's backend.csp (Backstage's plain default).
    const browser = await launchBrowser();
    try {
      for (const [app, sidebarText] of [[LEGACY, 'Apps'], [NEW, 'Micro apps']]) {
        for (const setup of ['README', 'no backend.csp']) {
          const backend = await startHostBackend(`${app}-${setup.replace(/\W+/g, '-')}`, {
            app: { packageName: app },
            backend: setup === 'README' ? { csp: README_CONFIG.backend.csp } : {},
          });
          try {
            // Browse once the catalog has processed the registrations.
            await backend.processed('bad');
            const page = await browser.context.newPage();
            const errors = [];
            const violations = [];
            page.on('pageerror', error => errors.push(error.message));
            page.on('console', message => {
              if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
            });
            const response = await page.goto(`${backend.origin}/luigi`);
            assert.match(response.headers()['content-security-policy'], /default-src 'self'/, 'served under a policy');
            // The legacy app signs guests in by itself (auto); the new system's sign-in page has a button.
            const heading = page.getByRole('heading', { name: app === LEGACY ? 'Apps' : 'Micro apps' }).first();
            const guest = page.getByRole('button', { name: 'Enter' });
            await Promise.race([heading.waitFor(), guest.waitFor().then(() => guest.click())]);
            await heading.waitFor();
            const item = page.getByRole('link', { name: sidebarText }).first();
            assert.equal(await item.getAttribute('href'), '/luigi', `${app}: sidebar item`);
            // The catalog the backend ingested: the bad registration is refused with the module's reason.
            const diagnostics = page.getByTestId('luigi-diagnostics');
            await diagnostics.getByRole('button').first().click();
            const rejected = (await page.getByTestId('luigi-rejected').allTextContents()).sort();
            assert.equal(rejected.length, 2, `${app}: two refused registrations`);
            assert.match(rejected[0], /component:default\/bad/);
            assert.match(rejected[0], /origin https:\/\/evil\.example\.net is not in luigi\.allowedOrigins/);
            // The OpenMFP content configuration is read by the installed packages, and refused with the reason.
            assert.match(rejected[1], /component:default\/widget/);
            assert.match(rejected[1], /webcomponent: is not supported/);
            // A fresh install without the permission framework opens no micro app, and says why.
            assert.match(await page.getByTestId('luigi-access-mode').textContent(), /permission\.enabled/);
            assert.deepEqual(errors, [], `${app}: no uncaught errors`);
            assert.deepEqual(violations, [], `${app} (${setup}): the app itself runs under the policy`);
            const policy = page.getByTestId('luigi-policy-diagnostics');
            if (setup === 'README') {
              await page.waitForTimeout(500);
              assert.equal(await policy.count(), 0, `${app}: the README's frame-src admits the allowlisted origins`);
            } else {
              await policy.waitFor();
              assert.match(await policy.textContent(), /https:\/\/apps\.example\.com is in luigi\.allowedOrigins/);
            }
            await page.close();
          } finally {
            await backend.stop();
          }
        }
      }
    } finally {
      await browser.close();
    }
  });

  test("a host backend left on create-app's allow-all policy warns its admin that every user opens every micro app", async () => {
    const backend = await startPolicyHostBackend('allow-all', 'backend on allow-all');
    try {
      // What the warning is about: the guest opens another team's micro app.
      const token = await backend.signIn();
      assert.deepEqual(await backend.decide(token, [GOOD, MINE]), {
        mode: 'permission-framework',
        decisions: [
          { entityRef: GOOD, result: 'allow' },
          { entityRef: MINE, result: 'allow' },
        ],
      });
      // Said at start-up, in the log and the audit trail.
      await backend.until('the allow-all warning in the log', async () => openToEveryoneAlarms(backend.log()).warnings.length > 0);
      await backend.until('the policy-open-to-everyone audit event', async () => openToEveryoneAlarms(backend.log()).events.length > 0);
    } finally {
      await backend.stop();
    }
  });

  test("the host backend gets the README's permission policy as the README says, and denies what it does not allow", async () => {
    const dir = join(host, 'packages/backend');
    const index = join(dir, 'src/index.ts');
    const policyFile = join(host, README_POLICY.file);
    const createAppIndex = await readFile(index, 'utf8');
    // Every package the module imports is a dependency: create-app's backend's or one the README adds.
    const declared = Object.keys(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).dependencies);
    const undeclared = [...importedPackages(README_POLICY.source)].filter(name => !declared.includes(name));
    assert.deepEqual(undeclared, [], "the README says to add every package the policy imports");
    await writeFile(policyFile, README_POLICY.source);
    const edited = applyReadmeDiff(createAppIndex, README_POLICY.indexDiff);
    assert.doesNotMatch(edited, /allow-all/, 'the allow-all module is removed');
    await writeFile(index, edited);
    try {
      await writeFile(
        join(host, 'tsconfig.backend.json'),
        JSON.stringify({ extends: './tsconfig.json', include: ['packages/backend/src'] }, null, 2),
      );
      await timed('tsc backend with the policy', () =>
        run(hostNode, [join(host, 'node_modules/typescript/bin/tsc'), '-p', join(host, 'tsconfig.backend.json')], { cwd: host, env: hostEnv }),
      );

      // The guest owns mine, not good (team-a's): the policy's catalog condition opens only mine.
      const backend = await startPolicyHostBackend('readme-policy', 'backend with the README policy');
      try {
        const token = await backend.signIn();
        assert.deepEqual(await backend.decide(token, [GOOD, MINE]), {
          mode: 'permission-framework',
          decisions: [
            { entityRef: GOOD, result: 'deny', reason: 'policy' },
            { entityRef: MINE, result: 'allow' },
          ],
        });
        // Neither at start-up nor for the decisions: the policy lets nobody in by accident.
        await new Promise(resolve => setTimeout(resolve, 1000));
        assert.deepEqual(openToEveryoneAlarms(backend.log()), { warnings: [], events: [] }, 'no alarm once the policy is installed');
      } finally {
        await backend.stop();
      }

      // A member of platform-admins opens every micro app.
      const admins = await startPolicyHostBackend('readme-policy-admin', 'backend with the README policy, a platform admin', {
        ownershipEntityRefs: [GUEST, 'group:default/platform-admins'],
      });
      try {
        assert.deepEqual((await admins.decide(await admins.signIn(), [GOOD, MINE])).decisions, [
          { entityRef: GOOD, result: 'allow' },
          { entityRef: MINE, result: 'allow' },
        ]);
      } finally {
        await admins.stop();
      }
    } finally {
      // Back to the backend create-app made, for any test after this one.
      await writeFile(index, createAppIndex);
      await rm(policyFile, { force: true });
    }
  });
});

// The README's yarn commands, as written, in a second host managed as create-app's are: yarn 4 (from
// the npm registry) with node_modules, its root's resolutions, on the host's Node.js. The npm host
// above checks what the installed packages do; this one that yarn installs them.
describe('a host managed with yarn', () => {
  const YARN_PACKAGE = '@yarnpkg/cli-dist@4';
  let yarnHost;

  before(async () => {
    await hostReady;
    yarnHost = join(work, 'yarn-host');
    const yarnDir = join(work, 'yarn');
    const binDir = join(work, 'yarn-bin');
    await mkdir(yarnDir);
    await mkdir(binDir);
    await npm(['pack', YARN_PACKAGE, '--pack-destination', yarnDir, '--loglevel=error'], { cwd: yarnDir });
    const [tarball] = (await readdir(yarnDir)).filter(file => file.endsWith('.tgz'));
    await run('tar', ['xzf', join(yarnDir, tarball), '-C', yarnDir, '--strip-components=1']);
    // `yarn` on the PATH, as a global install of it would put it there.
    await writeFile(join(binDir, 'yarn'), `#!/bin/sh\nexec node ${JSON.stringify(join(yarnDir, 'bin/yarn.js'))} "$@"\n`, { mode: 0o755 });

    await writeHostApp(join(yarnHost, 'packages/app'), 'app', LEGACY_APP_DEPENDENCIES, LEGACY_APP);
    // What runs the backend in the npm host; no better-sqlite3, whose build that host already times.
    await writeHostBackend(join(yarnHost, 'packages/backend'), {
      ...Object.fromEntries(HOST_BACKEND_PACKAGES.map(name => [name, repoVersion(name)])),
      app: 'link:../app',
    });
    await writeFile(
      join(yarnHost, 'package.json'),
      JSON.stringify(
        {
          name: 'root',
          private: true,
          workspaces: ['packages/*', 'plugins/*'],
          devDependencies: { '@backstage/cli': BACKSTAGE['@backstage/cli'], typescript: repoPackage.devDependencies.typescript },
          // create-app's.
          resolutions: { '@types/react': '^18', '@types/react-dom': '^18' },
        },
        null,
        2,
      ),
    );
    await writeFile(join(yarnHost, '.yarnrc.yml'), 'nodeLinker: node-modules\nenableTelemetry: false\n');
    await writeFile(join(yarnHost, 'yarn.lock'), '');
    await mkdir(join(yarnHost, VENDOR), { recursive: true });
    for (const { tarball } of Object.values(packs)) await copyFile(tarball, join(yarnHost, VENDOR, basename(tarball)));
    const env = {
      ...hostEnv,
      PATH: `${binDir}${delimiter}${hostEnv.PATH}`,
      // As on an admin's machine: yarn freezes the lockfile when CI is set, which this test sets.
      YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    };
    await timed('yarn host: install and the README commands', async () => {
      await run('yarn', ['install'], { cwd: yarnHost, env });
      for (const line of README_INSTALL.yarn) await run('sh', ['-c', line], { cwd: yarnHost, env });
    });
  });

  test("the README's yarn commands install both halves and the common package from the tarballs", async () => {
    for (const [dir, name] of [['packages/app', PACKAGES.frontend], ['packages/backend', PACKAGES.backend]]) {
      const { dependencies } = JSON.parse(await readFile(join(yarnHost, dir, 'package.json'), 'utf8'));
      assert.match(dependencies[name] ?? '', /^file:.*\.tgz$/, `${dir} depends on the ${name} tarball`);
    }
    for (const name of Object.values(PACKAGES)) {
      const installed = JSON.parse(await readFile(join(yarnHost, 'node_modules', name, 'package.json'), 'utf8'));
      assert.equal(installed.version, (await packedJson(name)).version, `${name} is installed`);
      await stat(join(yarnHost, 'node_modules', name, 'dist'));
    }
    const lock = await readFile(join(yarnHost, 'yarn.lock'), 'utf8');
    assert.match(lock, /^"backstage-plugin-luigi-common@file:[^"]*\.tgz/m, 'the common package is the tarball');
  });
});
