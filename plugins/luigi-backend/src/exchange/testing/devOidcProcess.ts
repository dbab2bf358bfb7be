import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The dev portal's identity provider, from this folder. */
const PROVIDER = resolve(__dirname, '../../../../../dev/oidc/provider.mjs');

/** One running `dev/oidc/provider.mjs` process. */
export interface DevOidcProcess {
  issuer: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** Ends the process (SIGTERM, then SIGKILL) and waits for it. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise(done => child.once('exit', () => done()));
}

/**
 * Starts the dev OIDC provider as its own process on a free port (`OIDC_PORT=0`), with `env` added,
 * and resolves once its first line names the issuer.
 */
export async function startDevOidcProcess(env: Record<string, string> = {}): Promise<DevOidcProcess> {
  const child = spawn(process.execPath, [PROVIDER], {
    env: { ...process.env, ...env, OIDC_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited(child);
      clearTimeout(timer);
    }
  };

  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr += chunk;
  });
  const issuer = await new Promise<string>((resolveIssuer, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`no issuer within 15 s: ${stderr}`)), 15_000);
    child.stdout!.on('data', chunk => {
      stdout += chunk;
      const match = /^OIDC provider: (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolveIssuer(match[1]);
      }
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`the provider exited (${code}) before it named its issuer: ${stderr}`));
    });
  }).catch(async error => {
    await stop();
    throw error;
  });
  child.stdout!.resume();

  return { issuer, tokenEndpoint: `${issuer}/token`, jwksUri: `${issuer}/jwks`, stop };
}
