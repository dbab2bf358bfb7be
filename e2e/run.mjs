// Runs the browser tests: starts the dev portal once, runs every e2e/*.test.mjs with Node's test
// runner (one file at a time: they share the portal), then stops the portal.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPortal } from './portal.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter(name => name.endsWith('.test.mjs'))
  .filter(name => only.length === 0 || only.some(filter => name.includes(filter)))
  .map(name => join(here, name));

const portal = await startPortal({ log: process.env.LUIGI_E2E_LOG === '1' });
let status = 1;
try {
  const result = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    { stdio: 'inherit' },
  );
  status = result.status ?? 1;
} finally {
  portal.stop();
}
process.exit(status);
