// `npm test`: every test of the project, in order: unit and component tests (jest), Node tests of
// the dev servers and build scripts, then the browser and packaging tests (e2e/run.mjs). Ends with
// one line `N passed, N failed` over all of them; exits non-zero if anything failed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const jest = join(root, 'node_modules/jest/bin/jest.js');

const steps = [
  { name: 'frontend unit and component', command: node, args: [jest, '--ci', '--selectProjects', 'frontend'] },
  // The catalog backend leaves timers running after its test backend has stopped, which would keep
  // Jest waiting forever: these tests alone are told to exit once they are done.
  {
    name: 'common and backend',
    command: node,
    args: [jest, '--ci', '--selectProjects', 'common and backend', '--forceExit'],
  },
  {
    name: 'dev servers and scripts',
    command: node,
    args: ['--test', '--test-reporter=spec', 'dev/microApps/server.test.mjs', 'dev/microApps/scaffoldedApps.test.mjs', 'dev/oidc/provider.test.mjs', 'dev/readiness.test.mjs', 'dev/permissions/rbacFiles.test.mjs', 'scripts/docsLinks.test.mjs', 'scripts/docsSnippets.test.mjs', 'scripts/scopeCss.test.mjs', 'scripts/checkBuilt.test.mjs', 'scripts/trimPackedManifest.test.mjs', 'e2e/replicas/replicas.test.mjs'],
  },
  { name: 'browser and packaging', command: node, args: [join(root, 'e2e/run.mjs')] },
];

/** Runs a step, echoing its output, and reads its pass/fail counts from its summary lines. */
function run(step) {
  return new Promise(resolve => {
    const child = spawn(step.command, step.args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    const echo = stream => chunk => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', code => {
      const jest = output.match(/^Tests:\s+(?:(\d+) failed, )?(?:\d+ skipped, )?(?:(\d+) passed, )?\d+ total/m);
      const nodePass = [...output.matchAll(/^ℹ pass (\d+)$/gm)].map(m => Number(m[1]));
      const nodeFail = [...output.matchAll(/^ℹ fail (\d+)$/gm)].map(m => Number(m[1]));
      const passed = jest ? Number(jest[2] ?? 0) : nodePass.reduce((a, b) => a + b, 0);
      const failed = jest ? Number(jest[1] ?? 0) : nodeFail.reduce((a, b) => a + b, 0);
      resolve({ code, passed, failed });
    });
  });
}

let passed = 0;
let failed = 0;
let broken = false;
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const result = await run(step);
  passed += result.passed;
  failed += result.failed;
  // A step that crashed without reporting a failed test still fails the run.
  if (result.code !== 0) {
    broken = true;
    if (result.failed === 0) failed += 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
