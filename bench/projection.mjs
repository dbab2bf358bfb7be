// The plugin's catalog query (src/catalog/entityQuery.ts `microAppEntitiesRequest`), compiled from
// its TypeScript source with esbuild, so the benchmark asks for exactly the filter and fields the
// plugin asks for. Returned as the query string the catalog client sends.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR } from './lib.mjs';

const root = join(BENCH_DIR, '..');

async function loadRequest() {
  const { outputFiles } = await build({
    entryPoints: [join(root, 'src/catalog/entityQuery.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    // The common package is bundled from source; the catalog client is the installed one.
    external: ['@backstage/*'],
    logLevel: 'error',
  });
  // Inside the repository, so the compiled file resolves the catalog client from its node_modules.
  const cache = join(root, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'luigi-bench-query-'));
  try {
    const file = join(dir, 'entityQuery.mjs');
    writeFileSync(file, outputFiles[0].text);
    const { CATALOG_FILTER_EXISTS } = await import('@backstage/catalog-client');
    const { microAppEntitiesRequest } = await import(pathToFileURL(file).href);
    const [[key, value]] = Object.entries(microAppEntitiesRequest.filter);
    if (value !== CATALOG_FILTER_EXISTS) throw new Error('the plugin query no longer filters on an existing annotation');
    return { filterKey: key, fields: microAppEntitiesRequest.fields };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `filter` (the annotation that must exist) and `fields` of the plugin's catalog query. */
export const microAppEntitiesRequest = await loadRequest();
