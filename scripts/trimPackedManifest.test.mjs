// The prepack step that leaves development-only fields out of the packed package.json.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, test } from 'node:test';

const script = join(dirname(fileURLToPath(import.meta.url)), 'trim-packed-manifest.mjs');
let dir;
const trim = () => spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
const manifest = () => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

const PACKAGE = {
  name: 'some-plugin',
  version: '1.0.0',
  main: 'dist/index.esm.js',
  scripts: { prepare: 'node scripts/generate.mjs', start: 'node dev/start.mjs', prepack: 'backstage-cli package prepack' },
  dependencies: { a: '^1.0.0' },
  peerDependencies: { react: '^18.0.0' },
  devDependencies: { jest: '^30.0.0' },
  workspaces: ['.', 'plugins/*'],
  overrides: { react: '$react' },
  allowScripts: { 'better-sqlite3': true },
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luigi-trim-manifest-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify(PACKAGE, null, 2));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('trim-packed-manifest', () => {
  test("leaves out scripts and what only the repository's development uses, and keeps the rest", () => {
    writeFileSync(join(dir, 'package.json-prepack'), JSON.stringify(PACKAGE, null, 2));
    const result = trim();
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(manifest(), {
      name: 'some-plugin',
      version: '1.0.0',
      main: 'dist/index.esm.js',
      dependencies: { a: '^1.0.0' },
      peerDependencies: { react: '^18.0.0' },
      engines: { node: '22 || 24' },
    });
  });

  test('writes the Node.js versions the published package supports over any the repository has', () => {
    const withEngines = { ...PACKAGE, engines: { node: '>=18' } };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(withEngines, null, 2));
    writeFileSync(join(dir, 'package.json-prepack'), JSON.stringify(withEngines, null, 2));
    assert.equal(trim().status, 0);
    assert.deepEqual(manifest().engines, { node: '22 || 24' });
  });

  test("refuses to touch a package.json that backstage-cli's prepack has not backed up", () => {
    const result = trim();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no package\.json-prepack/);
    assert.deepEqual(manifest(), PACKAGE);
  });
});
