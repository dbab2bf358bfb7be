// `npm start`: the whole dev portal with one command and no prompts: sample micro apps, the local
// OpenID Connect provider, and the Backstage dev app with the plugin.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMicroApps } from './microApps/server.mjs';
import { startOidcProvider } from './oidc/provider.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const system = process.argv.includes('--new-frontend-system') ? 'new' : 'legacy';

const microApps = await startMicroApps();
// Token lifetime in seconds (default 60, so a rotation shows within a minute); the benchmark
// shortens it to see many rotations quickly.
const ttl = Number(process.env.LUIGI_DEV_TOKEN_TTL ?? 60);
const oidc = await startOidcProvider({ accessTokenTtl: ttl, idTokenTtl: ttl });
console.log(`micro apps: ${microApps.trustedOrigin} (allowlisted), ${microApps.untrustedOrigin} (not allowlisted)`);
console.log(`OIDC provider: ${oidc.issuer} (users alice, bob)`);

const portal = spawn(
  process.execPath,
  [
    join(root, 'node_modules/@backstage/cli/bin/backstage-cli'),
    'package',
    'start',
    '--entrypoint',
    system === 'new' ? 'dev/new-frontend' : 'dev',
    '--config',
    join(root, 'config/app-config.dev.yaml'),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, BROWSER: 'none' } },
);
console.log(`dev portal (${system} frontend system): http://localhost:3000`);

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  portal.kill('SIGTERM');
  await Promise.allSettled([microApps.close(), oidc.close()]);
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
portal.on('exit', code => stop(code ?? 0));
