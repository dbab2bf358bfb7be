// Running the commands of the dynamic plugins test: each one a child process whose output is kept
// for the failure message, and how long each step took, for the summary line.
import { run } from '../childProcess.mjs';

export { run };

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
