// Eager bundle cost: builds the package (`tsc` for the declarations the build needs, then
// `backstage-cli package build` into dist/) and measures, from dist/, the gzipped bytes of what a host
// app loads eagerly when it imports the package, against what it loads only on demand.
// - eager: the entry (dist/index.esm.js, or dist/alpha.esm.js) plus every dist module reachable from
//   it through static `import`/`export … from` (relative specifiers; the package's npm dependencies
//   are the host's and not counted, the plugin's own common package is listed apart);
// - lazy: dist modules reachable only through a dynamic `import()`, plus `@luigi-project/core/luigi.js`
//   (the engine's dynamic import of an npm file).
// Sizes are gzip -9 of the modules concatenated (as a bundler would put them in one chunk), source
// map comments stripped.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BENCH_DIR, row } from './lib.mjs';

const root = join(BENCH_DIR, '..');
const require = createRequire(import.meta.url);

const STATIC = /(?:^|[\n;])\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*(?:\/\*[\s\S]*?\*\/\s*)?['"]([^'"]+)['"]\s*\)/g;

function build() {
  const started = Date.now();
  // Type errors (others editing src/) still emit declarations: only a missing entry is fatal.
  spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc')], { cwd: root, stdio: 'ignore' });
  const result = spawnSync(process.execPath, [join(root, 'node_modules/@backstage/cli/bin/backstage-cli'), 'package', 'build'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0 || !existsSync(join(root, 'dist/index.esm.js'))) {
    throw new Error(`package build failed: ${result.stderr || result.stdout}`);
  }
  return Date.now() - started;
}

function importsOf(file) {
  const code = readFileSync(file, 'utf8');
  const specs = re => [...code.matchAll(re)].map(m => m[1]);
  return { code, statics: specs(STATIC), dynamics: specs(DYNAMIC) };
}

const isRelative = spec => spec.startsWith('./') || spec.startsWith('../');
const strip = code => code.replace(/\/\/# sourceMappingURL=.*$/gm, '');
const gz = codes => gzipSync(Buffer.from(codes.map(strip).join('\n')), { level: 9 }).length;

/** The eager and lazy module sets of one entry. */
function graph(entry) {
  const eager = new Set();
  const dynamicRoots = new Set();
  const eagerExternal = { static: new Set(), dynamic: new Set() };
  const lazyExternal = { static: new Set(), dynamic: new Set() };
  const walk = (file, set, roots, external) => {
    if (set.has(file)) return;
    set.add(file);
    const { statics, dynamics } = importsOf(file);
    for (const spec of statics) {
      if (isRelative(spec)) walk(resolve(dirname(file), spec), set, roots, external);
      else external.static.add(spec);
    }
    for (const spec of dynamics) {
      if (isRelative(spec)) roots.add(resolve(dirname(file), spec));
      else external.dynamic.add(spec);
    }
  };
  walk(entry, eager, dynamicRoots, eagerExternal);
  const lazy = new Set();
  const pending = [...dynamicRoots];
  while (pending.length) {
    const next = pending.pop();
    if (eager.has(next) || lazy.has(next)) continue;
    const more = new Set();
    walk(next, lazy, more, lazyExternal);
    pending.push(...more);
  }
  for (const file of eager) lazy.delete(file);
  return { eager: [...eager], lazy: [...lazy], eagerExternal, lazyExternal };
}

const read = files => files.map(f => readFileSync(f, 'utf8'));
const rel = file => file.slice(join(root, 'dist').length + 1);

/** The biggest eager modules (gzipped alone), to say what makes the eager cost. */
function biggest(files, n = 5) {
  return files
    .map(f => ({ module: rel(f), gzip: gz(read([f])) }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, n);
}

export async function measureBundle() {
  const buildMs = build();
  const luigiCore = require.resolve('@luigi-project/core/luigi.js', { paths: [root] });
  const luigiCoreGzip = gz(read([luigiCore]));
  const rows = [];
  const details = { buildMs };
  for (const entry of ['index', 'alpha']) {
    const { eager, lazy, eagerExternal, lazyExternal } = graph(join(root, `dist/${entry}.esm.js`));
    const eagerGzip = gz(read(eager));
    const lazyGzip = gz(read(lazy));
    const usesCore = lazyExternal.dynamic.has('@luigi-project/core/luigi.js') || eagerExternal.dynamic.has('@luigi-project/core/luigi.js');
    const lazyTotal = lazyGzip + (usesCore ? luigiCoreGzip : 0);
    details[entry] = {
      eagerModules: eager.length,
      eagerGzip,
      lazyModules: lazy.length,
      lazyGzip,
      luigiCoreGzip: usesCore ? luigiCoreGzip : 0,
      biggestEager: biggest(eager),
      // npm imports of the eager modules (the host's shared dependencies, not counted above).
      eagerExternals: [...eagerExternal.static].sort(),
      eagerLoadsLuigiCore: eagerExternal.static.has('@luigi-project/core/luigi.js'),
    };
    rows.push(
      row({
        id: `bundle.${entry}`,
        measurement: `Eager JS gzipped, dist/${entry}.esm.js (vs lazy: chunks + luigi.js)`,
        figure: eagerGzip,
        comparison: lazyTotal,
        unit: 'B',
        // The brief sets no target: reported for trend (change against the previous run).
        target: 'none set',
        details: details[entry],
      }),
    );
  }
  return { rows, details };
}

// Run alone: `node bench/bundle.mjs` (needs no portal).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows } = await measureBundle();
  console.log(JSON.stringify(rows, null, 2));
}
