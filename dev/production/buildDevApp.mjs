// Builds the legacy dev portal for production (`backstage-cli package build`, as an app package is
// built), with the dev portal's app-config baked in. Output: dev/production/dist.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');

/** The dev portal's app-config, the one `npm start` uses and the build bakes in. */
export const DEV_APP_CONFIG = join(root, 'config/app-config.dev.yaml');

/** Builds the app; resolves with its `dist` folder, fails with the build's output. */
export function buildDevApp({ log = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules/@backstage/cli/bin/backstage-cli'), 'package', 'build', '--config', DEV_APP_CONFIG],
      { cwd: here, stdio: log ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } },
    );
    let output = '';
    child.stdout?.on('data', chunk => (output += chunk));
    child.stderr?.on('data', chunk => (output += chunk));
    child.on('error', reject);
    child.on('close', code =>
      code === 0 ? resolve(join(here, 'dist')) : reject(new Error(`dev app build failed (${code}):\n${output.slice(-4000)}`)),
    );
  });
}
