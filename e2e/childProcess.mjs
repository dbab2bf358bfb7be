// Running a command of a test as a child process, with its output kept for the failure message.
import { spawn } from 'node:child_process';

/**
 * Runs a command (`env`: variables to add); resolves with its standard output, fails with the tail of
 * all its output. NODE_ENV (and this repository's allow-scripts) are dropped, so that a parent's settings
 * cannot change what npm installs.
 */
export function run(command, args, { cwd, env: extraEnv = {}, timeoutMs = 10 * 60_000 } = {}) {
  const env = { ...process.env, CI: 'true', ...extraEnv };
  delete env.NODE_ENV;
  // Under `npm test`, npm hands this repository's .npmrc settings to its scripts as npm_config_*
  // variables. A host's npm would take our allow-scripts for a command-line flag, which npm refuses
  // in a project's install (EALLOWSCRIPTS): each host installs with its own settings.
  for (const name of Object.keys(env)) {
    if (/^npm_config_allow_scripts$/i.test(name)) delete env[name];
  }
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
        const tail = output.split('\n').slice(-80).join('\n');
        reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${tail}`));
      }
    });
  });
}
