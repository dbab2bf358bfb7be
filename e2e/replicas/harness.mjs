// Several replicas of the dev portal's backend (dev/backend/index.ts, with the luigi plugin) on one
// PostgreSQL database, behind a round-robin proxy, as a production portal runs them behind a load
// balancer. Used by e2e/replicas/replicas.test.mjs and by the benchmark. Loopback only: every
// server here listens on 127.0.0.1.
//
//   const db = await startPostgres();
//   const proxy = await startRoundRobinProxy({ targets: [], port: 7400 });
//   const oidc = await startOidc({ port: 7401, proxyUrl: proxy.url });
//   const cluster = await startReplicas({ count: 3, connectionString: db.connectionString,
//     proxyUrl: proxy.url, oidcIssuer: oidc.issuer, basePort: 7410 });
//   proxy.setTargets(cluster.replicas.map(r => r.url));
//   const token = await userToken(proxy.url, 'alice');
//
// or all of it at once: `const env = await startReplicaEnvironment({ count: 3 })`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevBackend } from '../../dev/backend/startDevBackend.mjs';
import { startOidcProvider } from '../../dev/oidc/provider.mjs';
import { startPostgres } from '../../scripts/embeddedPostgres.mjs';
import { userToken } from '../signInOverHttp.mjs';

export { userToken };

export { startPostgres };

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The same on every replica (a production portal sets its own from a secret store): throwaways for loopback. */
export const SHARED_SECRETS = {
  sessionSecret: 'replica-test-session-secret-for-loopback-only',
  keyEncryptionSecret: 'replica-test-key-encryption-secret-for-loopback-only',
};

/**
 * Starts the dev OpenID Connect provider (dev/oidc/provider.mjs) for replicas behind `proxyUrl`:
 * its client's redirect URI is the auth backend's handler at the proxy. Resolves to the running
 * provider (`issuer`, `close()`, …).
 */
export function startOidc({ port = 0, proxyUrl }) {
  return startOidcProvider({ port, redirectUris: [`${proxyUrl}/api/auth/oidc/handler/frame`] });
}

/**
 * The app-config of one replica, on top of config/app-config.dev.yaml: its own port; `baseUrl` the
 * proxy's (token issuers, OAuth redirects and external URLs agree whichever replica answers; calls
 * between plugins stay within the replica, as Backstage's discovery makes them by default); the shared
 * PostgreSQL; the same secrets as every other replica; sign-in at the provider `oidcIssuer`; the
 * catalog's sample files only; audit events to a file of its own; and the dev policy's extra grants
 * from `grantsFile` (the browser tests rewrite the dev portal's own file while they run).
 */
export function replicaConfig({ port, proxyUrl, connectionString, oidcIssuer, auditLogFile, grantsFile }) {
  return {
    backend: {
      baseUrl: proxyUrl,
      listen: { port, host: '127.0.0.1' },
      database: {
        client: 'pg',
        connection: connectionString,
        // Several replicas share the pools' server: keep each one small.
        knexConfig: { pool: { min: 0, max: 5 } },
      },
    },
    auth: {
      session: { secret: SHARED_SECRETS.sessionSecret },
      providers: {
        oidc: {
          development: {
            metadataUrl: `${oidcIssuer}/.well-known/openid-configuration`,
            clientId: 'backstage-dev-portal',
            clientSecret: 'public-client-no-secret',
            tokenEndpointAuthMethod: 'none',
            prompt: 'auto',
            additionalScopes: ['groups', 'offline_access'],
          },
        },
      },
    },
    catalog: {
      // The sample files only: the dev config's URL location needs the sample server (another port).
      locations: [
        { type: 'file', target: './dev/catalog/org.yaml' },
        { type: 'file', target: './dev/catalog/micro-apps.yaml' },
        { type: 'file', target: './dev/catalog/bad-registrations.yaml' },
        { type: 'file', target: './dev/catalog/logistics.yaml' },
        { type: 'file', target: './dev/catalog/lab-hostile.yaml' },
        { type: 'file', target: './dev/catalog/lab-faults.yaml' },
        { type: 'file', target: './dev/catalog/lab-luigi-examples.yaml' },
      ],
    },
    devPortal: { auditLogFile, permissionGrantsFile: grantsFile },
    luigi: { tokens: { keyEncryptionSecret: SHARED_SECRETS.keyEncryptionSecret } },
  };
}

/**
 * Starts `count` replicas of the dev backend in parallel, replica i on `basePort + i`, each with
 * config/app-config.dev.yaml, then {@link replicaConfig}, then `extraConfig` (an object merged last,
 * e.g. `{ luigi: { tokens: { lifetime: { seconds: 30 } } } }`). `log`: true to pass the replicas'
 * output through, else it goes to a file per replica (`logFile`). Resolves once every replica's
 * catalog is ready, to `{ replicas, dir, stop }`; each replica is
 * `{ index, port, url, auditLogFile, logFile, child, exited, stop(), kill(signal = 'SIGKILL') }`.
 */
export async function startReplicas({
  count = 3,
  connectionString,
  proxyUrl,
  oidcIssuer,
  basePort = 7410,
  extraConfig = {},
  log = false,
  timeoutMs = 180_000,
}) {
  const dir = mkdtempSync(join(tmpdir(), 'luigi-replicas-'));
  // No extra grants: alice (platform-admins) opens every micro app and enters every tenant, bob
  // opens his team's and enters devPortal.defaultTenants only. The same file for every replica.
  const grantsFile = join(dir, 'grants.yaml');
  writeFileSync(grantsFile, 'grants: []\ntenants: []\n');
  const startOne = async index => {
    const port = basePort + index;
    const url = `http://127.0.0.1:${port}`;
    const auditLogFile = join(dir, `audit-${index}.log`);
    const logFile = join(dir, `replica-${index}.log`);
    writeFileSync(auditLogFile, '');
    const configFile = join(dir, `app-config.replica-${index}.json`);
    const config = merge(
      replicaConfig({ port, proxyUrl, connectionString, oidcIssuer, auditLogFile, grantsFile }),
      extraConfig,
    );
    // JSON is YAML: the config loader reads it as any app-config file.
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const backend = await startDevBackend({
      configs: [join(root, 'config/app-config.dev.yaml'), configFile],
      baseUrl: url,
      log,
      logFile: log ? undefined : logFile,
      timeoutMs,
      // The TypeScript policy of docs/access.md: replicas are about the plugin, not the RBAC plugin.
      env: { LUIGI_DEV_POLICY: 'typescript' },
    });
    return {
      index,
      port,
      url,
      auditLogFile,
      logFile,
      child: backend.child,
      exited: backend.exited,
      stop: backend.stop,
      kill: (signal = 'SIGKILL') => backend.child.kill(signal),
    };
  };
  // The first replica alone, then the others together: replicas that start at the same moment on an
  // empty database race on the plugins' schema migrations (knex refuses a locked migration table
  // rather than waiting: Backstage's catalog then fails to start), as rolling out a new version to
  // several replicas at once can. Once the schema is there, starting together is safe.
  const first = await Promise.allSettled([startOne(0)]);
  const started =
    first[0].status === 'fulfilled'
      ? [...first, ...(await Promise.allSettled(Array.from({ length: count - 1 }, (_, i) => startOne(i + 1))))]
      : first;
  const replicas = started.filter(r => r.status === 'fulfilled').map(r => r.value);
  // Never leave a replica behind, whatever ends this process.
  const killAll = () => replicas.forEach(replica => replica.kill('SIGKILL'));
  process.on('exit', killAll);
  const stop = async () => {
    await Promise.all(replicas.map(replica => replica.stop()));
    process.off('exit', killAll);
    rmSync(dir, { recursive: true, force: true });
  };
  const failed = started.find(r => r.status === 'rejected');
  if (failed) {
    const logs = Array.from({ length: count }, (_, i) => tail(join(dir, `replica-${i}.log`))).join('\n');
    await stop();
    throw new Error(`${failed.reason?.message ?? failed.reason}\n${logs}`);
  }
  return { replicas, dir, grantsFile, stop };
}

function tail(file, lines = 30) {
  try {
    return `--- ${file}\n${readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')}`;
  } catch {
    return '';
  }
}

/** Deep merge of plain objects; arrays and other values of `b` replace those of `a`. */
function merge(a, b) {
  if (!isObject(a) || !isObject(b)) return b === undefined ? a : b;
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = merge(a[key], value);
  return out;
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The audit events a replica wrote, one object per line of its file. */
export function auditEventsOf(replica) {
  return readFileSync(replica.auditLogFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line));
}

/**
 * A round-robin HTTP proxy on 127.0.0.1:`port` (0: a free one) in front of `targets` (base URLs,
 * changeable later with `setTargets`). Each request goes to the next target that is not marked down.
 * A target that refuses the connection (or resets it before answering) is marked down and the
 * request is retried on the next one, so a dead replica costs no request that had not reached it;
 * a request it had accepted and dies in is answered 502, as a load balancer does. Targets marked
 * down are probed every `healthIntervalMs` at `healthPath` and come back once they answer.
 * Resolves to `{ url, port, setTargets, targets(), isDown(url), stats, close() }`; `stats.served`
 * counts answered requests per target, `stats.retried` requests moved to another target,
 * `stats.failed` requests answered 502.
 */
export async function startRoundRobinProxy({
  targets = [],
  port = 0,
  healthPath = '/api/luigi/health',
  healthIntervalMs = 500,
} = {}) {
  let list = [...targets];
  let next = 0;
  const down = new Set();
  const stats = { served: {}, retried: 0, failed: 0, markedDown: [] };

  const markDown = target => {
    if (!down.has(target)) {
      down.add(target);
      stats.markedDown.push({ target, at: Date.now() });
    }
  };

  const pick = tried => {
    for (let i = 0; i < list.length; i++) {
      const target = list[next++ % list.length];
      if (!down.has(target) && !tried.has(target)) return target;
    }
    return undefined;
  };

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const tried = new Set();
    for (;;) {
      const target = pick(tried);
      if (!target) {
        stats.failed++;
        res.writeHead(502, { 'content-type': 'text/plain' }).end('no replica available');
        return;
      }
      tried.add(target);
      const outcome = await forward(target, req, body, res);
      if (outcome === 'answered') {
        stats.served[target] = (stats.served[target] ?? 0) + 1;
        return;
      }
      if (outcome === 'not-reached') {
        markDown(target);
        stats.retried++;
        continue;
      }
      // The target died while it had the request: it may have acted on it, so do not repeat it.
      markDown(target);
      stats.failed++;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('replica failed');
      else res.destroy();
      return;
    }
  });

  const health = setInterval(() => {
    for (const target of down) {
      fetch(`${target}${healthPath}`, { signal: AbortSignal.timeout(1000) })
        .then(res => {
          if (res.ok) down.delete(target);
        })
        .catch(() => {});
    }
  }, healthIntervalMs);
  health.unref();

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    stats,
    setTargets(newTargets) {
      list = [...newTargets];
    },
    targets: () => [...list],
    isDown: target => down.has(target),
    close: () =>
      new Promise(resolve => {
        clearInterval(health);
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Forwards one request; resolves to 'answered', 'not-reached' (safe to retry) or 'lost'. */
function forward(target, req, body, res) {
  return new Promise(resolve => {
    const url = new URL(req.url, target);
    const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' };
    delete headers.connection;
    const upstream = httpRequest(url, { method: req.method, headers, agent: false });
    let sent = false;
    upstream.on('socket', socket => {
      socket.on('connect', () => (sent = true));
    });
    upstream.on('response', answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => resolve('answered'));
      answer.on('error', () => {
        res.destroy();
        resolve('lost');
      });
    });
    upstream.on('error', error => {
      const refused = !sent || error.code === 'ECONNREFUSED';
      resolve(refused ? 'not-reached' : 'lost');
    });
    upstream.end(body);
  });
}

/**
 * Everything at once: PostgreSQL, the proxy on `basePort`, the OpenID Connect provider on
 * `basePort + 1`, and `count` replicas from `basePort + 10` on. Resolves to
 * `{ db, proxy, oidc, cluster, replicas, proxyUrl, stop }`; `stop()` ends all of it.
 */
export async function startReplicaEnvironment({ count = 3, basePort = 7400, extraConfig, log = false } = {}) {
  const cleanups = [];
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      for (const cleanup of [...cleanups].reverse()) await cleanup().catch(() => {});
    })());
  try {
    const db = await startPostgres();
    cleanups.push(db.stop);
    const proxy = await startRoundRobinProxy({ port: basePort });
    cleanups.push(proxy.close);
    const oidc = await startOidc({ port: basePort + 1, proxyUrl: proxy.url });
    cleanups.push(oidc.close);
    const cluster = await startReplicas({
      count,
      connectionString: db.connectionString,
      proxyUrl: proxy.url,
      oidcIssuer: oidc.issuer,
      basePort: basePort + 10,
      extraConfig,
      log,
    });
    cleanups.push(cluster.stop);
    proxy.setTargets(cluster.replicas.map(replica => replica.url));
    return { db, proxy, oidc, cluster, replicas: cluster.replicas, proxyUrl: proxy.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
