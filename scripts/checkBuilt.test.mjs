// The prepack guard: a package that was not built, or was built before its last change, is not packed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, test } from 'node:test';

const script = join(dirname(fileURLToPath(import.meta.url)), 'check-built.mjs');
let dir;
const check = () => spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luigi-check-built-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/index.ts'), 'export const a = 1;\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('check-built', () => {
  test('refuses a package without dist/, saying what to run', () => {
    const result = check();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /has no dist\/: it has not been built/);
    assert.match(result.stderr, /npm run build/);
  });

  test('refuses a dist/ older than the sources', () => {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/index.esm.js'), 'export const a = 1;\n');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'dist/index.esm.js'), past, past);
    const result = check();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /older than its sources/);
  });

  test('lets a fresh build through', () => {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/index.cjs.js'), 'exports.a = 1;\n');
    assert.equal(check().status, 0);
  });
});
