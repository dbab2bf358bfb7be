// Starts the dev portal's Backstage backend (dev/backend/index.ts) as a child process and waits
// until its catalog holds the sample entities.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/**
 * Runs the TypeScript backend with the Backstage CLI's Node transform, from the repository root
 * (the catalog's file locations are relative to it), with the given app-config files. Resolves once
 * `/api/dev-readiness/catalog` answers 200; rejects if the backend exits or is not ready in time.
 * `baseUrl` is where readiness is asked. Optional: `logFile` (a path) receives the backend's output
 * instead of this process's terminal; `env` adds environment variables. Resolves to
 * `{ stop, exited, child }` (`child`: the backend's process, e.g. to kill it hard in a test).
 */
export async function startDevBackend({
  configs,
  baseUrl = 'http://localhost:7007',
  log = true,
  timeoutMs = 120_000,
  logFile,
  env = {},
}) {
  const output = logFile ? openSync(logFile, 'a') : undefined;
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      join(root, 'dev/backend/index.ts'),
      ...configs.flatMap(config => ['--config', config]),
    ],
    {
      cwd: root,
      stdio: output !== undefined ? ['ignore', output, output] : log ? 'inherit' : 'ignore',
      env: { ...process.env, NODE_ENV: 'development', ...env },
    },
  );
  if (output !== undefined) closeSync(output);
  const exited = new Promise(resolve => child.on('exit', code => resolve(code ?? 0)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // A graceful shutdown can wait on browsers' keep-alive connections: do not wait forever.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await isReady(`${baseUrl}/api/dev-readiness/catalog`))) {
    if (child.exitCode !== null) throw new Error(`the dev backend exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the dev backend was not ready within ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  return { stop, exited, child };
}

async function isReady(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}
