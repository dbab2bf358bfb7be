// Running the commands of the dynamic plugins test: each one a child process whose output is kept
// for the failure message, and how long each step took, for the summary line.
import { spawn } from 'node:child_process';

/**
 * Runs a command (`env`: variables to add); resolves with its standard output, fails with the tail of
 * all its output. NODE_ENV is dropped so that a parent's setting cannot change what npm installs.
 */
export function run(command, args, { cwd, env: extraEnv = {}, timeoutMs = 10 * 60_000 } = {}) {
  const env = { ...process.env, CI: 'true', ...extraEnv };
  delete env.NODE_ENV;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', chunk => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else {
        const tail = output.split('\n').slice(-60).join('\n');
        reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${tail}`));
      }
    });
  });
}

/** npm with the settings an admin's CI would have: no audit, no funding notes, quiet. */
export const npm = (args, options = {}) =>
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
    ...options,
    env: {
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_loglevel: 'error',
      npm_config_prefer_offline: 'true',
      ...options.env,
    },
  });

/** Seconds each step took, by name, for the summary line the test prints. */
export const timings = {};

/** Runs `fn` and records how long it took under `name`, whether it succeeds or fails. */
export async function timed(name, fn) {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings[name] = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  }
}
