// Runs the browser and packaging tests with Node's test runner, one file at a time:
//   1. e2e/*.test.mjs against the dev portal on the legacy frontend system,
//   2. e2e/nfs/*.test.mjs against the dev portal on the new frontend system,
//   3. e2e/production/*.test.mjs, which build the dev portal for production and serve it themselves
//      with Backstage's security headers (so no dev portal may hold its ports),
//   4. e2e/packaging.test.mjs, which needs no portal (it builds and installs the package),
//   5. e2e/dynamic/*.test.mjs, the plugins exported as dynamic plugins and loaded by a portal of their own.
// `node e2e/run.mjs <filter>` runs only files whose name contains the filter.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPortal } from './portal.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const PACKAGING = 'packaging.test.mjs';

function testFiles(folder, { exclude = [] } = {}) {
  return readdirSync(folder)
    .filter(name => name.endsWith('.test.mjs') && !exclude.includes(name))
    .filter(name => filters.length === 0 || filters.some(filter => name.includes(filter) || folder.endsWith(filter)))
    .map(name => join(folder, name));
}

function runTests(files) {
  if (files.length === 0) return 0;
  const result = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    { stdio: 'inherit' },
  );
  return result.status ?? 1;
}

async function withPortal(args, files) {
  if (files.length === 0) return 0;
  const portal = await startPortal({ args, log: process.env.LUIGI_E2E_LOG === '1' });
  try {
    return runTests(files);
  } finally {
    await portal.stop();
  }
}

const statuses = [
  await withPortal([], testFiles(here, { exclude: [PACKAGING] })),
  await withPortal(['--new-frontend-system'], testFiles(join(here, 'nfs'))),
  runTests(testFiles(join(here, 'production'))),
  runTests(testFiles(here).filter(file => file.endsWith(PACKAGING))),
  // After the packaging test, not beside it: both build the repository.
  runTests(testFiles(join(here, 'dynamic'))),
];
process.exit(statuses.some(status => status !== 0) ? 1 : 0);
