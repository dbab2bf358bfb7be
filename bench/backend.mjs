// The backend part of `npm run bench` (BENCH_ONLY=backend), or on its own: `node bench/backend.mjs`.
// Starts its own dev backend (dev/backend/index.ts) and the dev identity provider on loopback ports
// of their own, with 2,000 generated micro apps (bench/entities.mjs) besides the samples, signs bob
// in without a browser (the identity provider's login form, over HTTP), and measures with autocannon,
// against the same backend in one run:
//   - a catalog read by name (GET /api/catalog/entities/by-name/…): the baseline
//   - POST /api/luigi/tokens (one micro app)
//   - POST /api/luigi/access/decisions with 8 refs
//   - GET /api/luigi/.well-known/jwks.json
//   - POST /api/luigi/access/decisions with the 2,000 generated apps: one request at a time (back to
//     back, then cold: each after the plugin's 5 s caches expired), then 10 in parallel while
//     GET /api/luigi/health is timed (does the rest of the backend starve?)
// The routes at 50 connections take turns in rounds (side by side: machine load weighs on all alike).
// Each: req/s, p50, p99, errors (non-2xx and socket errors); the backend's resident memory after all.
// bob's access depends on ownership (the dev policy answers CONDITIONAL, resolved by the catalog), the
// expensive case; alice (an admin) is allowed outright.
//
// BENCH_BACKEND_SECONDS (default 10) per route, BENCH_BACKEND_CONNECTIONS (default 50),
// BENCH_BACKEND_APPS (default 2000), BENCH_BACKEND_PORT (7507), BENCH_BACKEND_OIDC_PORT (7530);
// BENCH_BACKEND_USER=alice signs alice in instead (an admin: no conditions to resolve);
// BENCH_BACKEND_ROUTES=catalog,tokens picks routes and BENCH_BACKEND_CPU_PROF=<script> preloads a
// script into the backend (SIGUSR2 before and after the routes), for profiling. The bench config
// raises luigi.rateLimit far above what it sends, so the per-user limit never answers 429 here (its
// own cost is part of every figure). Read the ratios to the catalog read: absolute figures move with
// the machine's load.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { startDevBackend } from '../dev/backend/startDevBackend.mjs';
import { startOidcProvider } from '../dev/oidc/provider.mjs';
import { benchName, writeEntities } from './entities.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEV_APP_CONFIG = join(root, 'config/app-config.dev.yaml');

/** Loopback ports of this bench only (the dev portal's are 3000, 7007, 7100, 7300). */
const BACKEND_PORT = Number(process.env.BENCH_BACKEND_PORT ?? 7507);
const OIDC_PORT = Number(process.env.BENCH_BACKEND_OIDC_PORT ?? 7530);

const seconds = Number(process.env.BENCH_BACKEND_SECONDS ?? 10);
const connections = Number(process.env.BENCH_BACKEND_CONNECTIONS ?? 50);
const apps = Number(process.env.BENCH_BACKEND_APPS ?? 2000);

/** The sample micro apps a page asks about (dev/catalog/micro-apps.yaml). */
const SAMPLE_REFS = ['orders', 'inventory', 'billing', 'reports', 'broken-404', 'broken-no-frame', 'broken-no-handshake', 'plain-service'].map(
  name => `component:default/${name}`,
);

/** A cookie jar per origin, enough for one sign-in over redirects. */
function cookieJar() {
  const jars = new Map();
  return {
    header(url) {
      const jar = jars.get(new URL(url).origin);
      return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
    },
    store(url, response) {
      const origin = new URL(url).origin;
      const jar = jars.get(origin) ?? new Map();
      jars.set(origin, jar);
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
    },
  };
}

/**
 * Signs `user` in through the auth backend's OIDC provider and the dev identity provider's login
 * form, as a browser would (redirects, cookies), and returns their Backstage token.
 */
async function signIn(backendUrl, user) {
  const jar = cookieJar();
  const go = async (url, init = {}) => {
    const response = await fetch(url, {
      redirect: 'manual',
      ...init,
      headers: { ...(init.headers ?? {}), cookie: jar.header(url) },
    });
    jar.store(url, response);
    return response;
  };
  let url = `${backendUrl}/api/auth/oidc/start?env=development&flow=popup&origin=${encodeURIComponent(backendUrl)}&scope=${encodeURIComponent('openid profile email groups offline_access')}`;
  for (let hop = 0; hop < 20; hop++) {
    let response = await go(url);
    if (response.status === 200 && new URL(url).pathname.startsWith('/interaction/')) {
      await response.text();
      response = await go(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user }).toString(),
      });
    }
    const location = response.headers.get('location');
    if (!location) {
      await response.text();
      if (new URL(url).pathname.endsWith('/handler/frame')) break;
      throw new Error(`sign-in stopped at ${new URL(url).pathname} with ${response.status}`);
    }
    url = new URL(location, url).toString();
  }
  const refreshed = await go(`${backendUrl}/api/auth/oidc/refresh?env=development`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!refreshed.ok) throw new Error(`session refresh answered ${refreshed.status}`);
  const token = (await refreshed.json())?.backstageIdentity?.token;
  if (!token) throw new Error('no Backstage token after sign-in');
  return token;
}

/** The bench's app-config on top of the dev portal's: its own ports, catalog, identity provider, limits. */
function writeBenchConfig(extraCatalog) {
  const dev = parse(readFileSync(DEV_APP_CONFIG, 'utf8'));
  const baseUrl = `http://localhost:${BACKEND_PORT}`;
  const config = {
    app: { baseUrl },
    backend: { baseUrl, listen: { port: BACKEND_PORT, host: '127.0.0.1' }, cors: { origin: baseUrl } },
    auth: {
      providers: {
        oidc: { development: { metadataUrl: `http://localhost:${OIDC_PORT}/.well-known/openid-configuration` } },
      },
    },
    // Only the file locations (the dev portal's URL location needs its sample server), plus the apps.
    catalog: {
      locations: [...dev.catalog.locations.filter(l => l.type === 'file'), { type: 'file', target: resolve(extraCatalog) }],
    },
    // Far above what the bench sends: it measures the routes, not the limit.
    luigi: { rateLimit: { requestsPerUser: 10_000_000 } },
  };
  const file = join(mkdtempSync(join(tmpdir(), 'luigi-bench-backend-')), 'app-config.bench.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

/** The process listening on `port`, for its resident memory. */
function pidOnPort(port) {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    return Number(out.match(/pid=(\d+)/)?.[1]) || undefined;
  } catch {
    return undefined;
  }
}

function rssMb(pid) {
  try {
    const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

/** One autocannon run: every response's latency (ms), the requests per second, the errors. */
async function cannonRun({ url, method = 'GET', body, token, duration = seconds, conns = connections, amount }) {
  const latencies = [];
  const instance = autocannon({
    url,
    method,
    connections: conns,
    ...(amount ? { amount } : { duration }),
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    timeout: 30,
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  return {
    latencies,
    seconds: result.duration,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** Figures of one or more runs of one route: req/s over their whole time, latency percentiles. */
function figuresOf(runs) {
  const latencies = runs.flatMap(r => r.latencies);
  const time = runs.reduce((sum, r) => sum + r.seconds, 0);
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  return {
    rps: time > 0 ? requests / time : NaN,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    max: latencies.length ? Math.max(...latencies) : NaN,
    requests,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

async function cannon(options) {
  return figuresOf([await cannonRun(options)]);
}

/** Times a GET `n` times, one after the other; its latencies (ms) and failures. */
async function timeGets(url, until) {
  const times = [];
  let failures = 0;
  while (!until()) {
    const started = performance.now();
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (!response.ok) failures++;
    } catch {
      failures++;
    }
    times.push(performance.now() - started);
    await new Promise(r => setTimeout(r, 50));
  }
  return { times, failures };
}

const pct = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/**
 * Runs the backend measurements and returns the raw figures. `log` narrates.
 */
export async function runBackendBench({ log = console.log } = {}) {
  const { file: entities } = writeEntities(apps);
  const generated = Array.from({ length: apps }, (_, i) => `component:default/${benchName(i + 1)}`);
  const backendUrl = `http://localhost:${BACKEND_PORT}`;
  const oidc = await startOidcProvider({
    port: OIDC_PORT,
    redirectUris: [`${backendUrl}/api/auth/oidc/handler/frame`],
    accessTokenTtl: 3600,
    idTokenTtl: 3600,
  });
  let backend;
  try {
    log(`backend with ${apps} generated apps on ${backendUrl} …`);
    // BENCH_BACKEND_CPU_PROF=<preload script>: loaded into the backend (e.g. a profiler).
    if (process.env.BENCH_BACKEND_CPU_PROF) process.env.NODE_OPTIONS = `--require ${process.env.BENCH_BACKEND_CPU_PROF}`;
    backend = await startDevBackend({
      configs: [DEV_APP_CONFIG, writeBenchConfig(entities)],
      baseUrl: backendUrl,
      log: process.env.BENCH_BACKEND_LOG === '1',
      timeoutMs: 600_000,
      // The TypeScript policy of docs/access.md, as in earlier runs: this measures the plugin's routes.
      env: { LUIGI_DEV_POLICY: 'typescript' },
    });
    // The readiness route waits for the samples; the generated apps must be in too.
    const probe = [generated[0], generated[apps - 1]].map(ref => `entityRef=${encodeURIComponent(ref)}`).join('&');
    for (let i = 0; ; i++) {
      const ready = await fetch(`${backendUrl}/api/dev-readiness/catalog?${probe}`).then(r => r.ok, () => false);
      if (ready) break;
      if (i > 600) throw new Error('the generated apps were not ingested in time');
      await new Promise(r => setTimeout(r, 1000));
    }
    const pid = pidOnPort(BACKEND_PORT);
    const user = process.env.BENCH_BACKEND_USER ?? 'bob';
    const token = await signIn(backendUrl, user);
    log(`${user} signed in`);

    const api = path => `${backendUrl}/api${path}`;
    const routes = {
      catalog: { url: api('/catalog/entities/by-name/component/default/billing') },
      tokens: { url: api('/luigi/tokens'), method: 'POST', body: { entityRef: 'component:default/billing' } },
      decisions8: { url: api('/luigi/access/decisions'), method: 'POST', body: { entityRefs: SAMPLE_REFS } },
      jwks: { url: api('/luigi/.well-known/jwks.json') },
    };
    // Correct answers first: a fast error is no figure.
    for (const [name, route] of Object.entries(routes)) {
      const response = await fetch(route.url, {
        method: route.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(route.body ? { body: JSON.stringify(route.body) } : {}),
      });
      if (!response.ok) throw new Error(`${name} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
      await response.arrayBuffer();
    }
    // Warm-up: JIT, connection pools, first key.
    for (const route of Object.values(routes)) await cannon({ ...route, token, duration: 2, conns: 10 });

    const figures = {};
    // BENCH_BACKEND_ROUTES=tokens,catalog: only these (for profiling); the report needs all.
    const picked = process.env.BENCH_BACKEND_ROUTES?.split(',');
    if (process.env.BENCH_BACKEND_CPU_PROF && pid) process.kill(pid, 'SIGUSR2');
    // Side by side: each route's time is cut into rounds, the routes take turns (in a rotating
    // order), so that a busy moment of the machine weighs on all of them alike.
    const names = Object.keys(routes).filter(name => !picked || picked.includes(name));
    const rounds = Math.max(1, Math.min(5, Math.floor(seconds / 2)));
    const runs = Object.fromEntries(names.map(name => [name, []]));
    log(`  ${names.join(', ')}: ${seconds} s each at ${connections} connections, in ${rounds} rounds …`);
    for (let round = 0; round < rounds; round++) {
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) runs[name].push(await cannonRun({ ...routes[name], token, duration: seconds / rounds }));
    }
    for (const name of names) {
      figures[name] = figuresOf(runs[name]);
      log(`    ${name}: ${figures[name].rps.toFixed(0)} req/s, p50 ${figures[name].p50} ms, p99 ${figures[name].p99} ms, errors ${figures[name].errors}`);
    }
    if (picked && !picked.includes('many')) {
      // The preload script may write what it recorded on SIGUSR2.
      if (process.env.BENCH_BACKEND_CPU_PROF && pid) {
        process.kill(pid, 'SIGUSR2');
        await new Promise(r => setTimeout(r, 3000));
      }
      return figures;
    }
    const many = { url: api('/luigi/access/decisions'), method: 'POST', body: { entityRefs: generated } };
    const check = await fetch(many.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(many.body),
    });
    const checked = await check.json();
    if (!check.ok || checked.decisions?.length !== apps) throw new Error(`decisions for ${apps} apps answered ${check.status}`);
    const allowed = checked.decisions.filter(d => d.result === 'allow').length;
    log(`  decisions for ${apps} apps, one at a time (bob may open ${allowed}) …`);
    figures.decisionsManyAlone = await cannon({ ...many, token, conns: 1, amount: 20 });
    log(`    p50 ${figures.decisionsManyAlone.p50} ms, p99 ${figures.decisionsManyAlone.p99} ms`);
    // Cold: each request after the plugin's per-user caches have expired (CATALOG_READ_TTL_MS, 5 s).
    log(`  decisions for ${apps} apps, cold (each after the caches expired) …`);
    const cold = [];
    for (let i = 0; i < 5; i++) {
      await new Promise(r => setTimeout(r, 5_500));
      const run = await cannonRun({ ...many, token, conns: 1, amount: 1 });
      if (run.errors > 0) throw new Error(`decisions for ${apps} apps failed`);
      cold.push(run);
    }
    figures.decisionsManyCold = figuresOf(cold);
    log(`    p50 ${figures.decisionsManyCold.p50} ms, max ${figures.decisionsManyCold.max} ms`);
    log(`  decisions for ${apps} apps, 10 in parallel, health timed meanwhile …`);
    let done = false;
    const health = timeGets(api('/luigi/health'), () => done);
    figures.decisionsManyParallel = await cannon({ ...many, token, conns: 10 });
    done = true;
    const { times, failures } = await health;
    figures.healthUnderLoad = { p50: pct(times, 0.5), p99: pct(times, 0.99), max: Math.max(...times), errors: failures, n: times.length };
    log(
      `    p50 ${figures.decisionsManyParallel.p50} ms, p99 ${figures.decisionsManyParallel.p99} ms, errors ${figures.decisionsManyParallel.errors}; ` +
        `health max ${figures.healthUnderLoad.max.toFixed(0)} ms`,
    );
    figures.rssMb = pid ? rssMb(pid) : NaN;
    figures.allowed = allowed;
    return figures;
  } finally {
    await backend?.stop();
    await oidc.close();
  }
}

/**
 * One replica against two, on one PostgreSQL, behind the replica harness's round-robin proxy
 * (e2e/replicas/harness.mjs; sample catalog only): POST /tokens and the catalog read, side by side in
 * rounds, first with the proxy sending everything to one replica, then to both. On a machine with
 * fewer cores than replicas plus proxy plus load generator, two replicas cannot be faster: the
 * figure shows that the routes work across replicas (no errors), not how they scale.
 */
export async function runReplicaBench({ log = console.log } = {}) {
  const harness = await import('../e2e/replicas/harness.mjs');
  const base = Number(process.env.BENCH_REPLICAS_BASE_PORT ?? 7540);
  const cleanups = [];
  try {
    const pg = await harness.startPostgres({ port: base + 9 });
    cleanups.push(pg.stop);
    const proxy = await harness.startRoundRobinProxy({ targets: [], port: base });
    cleanups.push(proxy.close);
    const oidc = await harness.startOidc({ port: base + 1, proxyUrl: proxy.url });
    cleanups.push(oidc.close);
    log('  two replicas on one PostgreSQL …');
    const cluster = await harness.startReplicas({
      count: 2,
      connectionString: pg.connectionString,
      proxyUrl: proxy.url,
      oidcIssuer: oidc.issuer,
      basePort: base + 2,
      extraConfig: { luigi: { rateLimit: { requestsPerUser: 10_000_000 } } },
    });
    cleanups.push(cluster.stop);
    proxy.setTargets(cluster.replicas.map(r => r.url));
    const token = await harness.userToken(proxy.url, 'bob');
    const routes = {
      catalog: { url: `${proxy.url}/api/catalog/entities/by-name/component/default/billing` },
      tokens: { url: `${proxy.url}/api/luigi/tokens`, method: 'POST', body: { entityRef: 'component:default/billing' } },
    };
    const figures = {};
    for (const count of [1, 2]) {
      proxy.setTargets(cluster.replicas.slice(0, count).map(r => r.url));
      for (const route of Object.values(routes)) await cannon({ ...route, token, duration: 2, conns: 10 });
      const rounds = Math.max(1, Math.min(5, Math.floor(seconds / 2)));
      const runs = { catalog: [], tokens: [] };
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? ['catalog', 'tokens'] : ['tokens', 'catalog'];
        for (const name of order) runs[name].push(await cannonRun({ ...routes[name], token, duration: seconds / rounds }));
      }
      figures[count] = { catalog: figuresOf(runs.catalog), tokens: figuresOf(runs.tokens) };
      const t = figures[count].tokens;
      log(`    ${count} replica(s): tokens ${t.rps.toFixed(0)} req/s (p99 ${Math.round(t.p99)} ms, ${t.errors} errors), catalog ${figures[count].catalog.rps.toFixed(0)} req/s`);
    }
    return figures;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

/**
 * The figures as rows of the bench table (bench/lib.mjs `row`): req/s beside the catalog read's,
 * latencies in ms, each with its target met or not.
 */
export function backendRows(f, row) {
  const spread = r => `p50 ${Math.round(r.p50)} ms, p99 ${Math.round(r.p99)} ms, ${r.errors} errors`;
  const perSecond = (id, measurement, r, extra = {}) =>
    row({ id, measurement, figure: r.rps, comparison: f.catalog.rps, unit: 'req/s', details: { ...r, summary: spread(r) }, ...extra });
  return [
    row({
      id: 'backend.catalog',
      measurement: `Catalog read by name (baseline), ${connections} connections: ${spread(f.catalog)}`,
      figure: f.catalog.rps,
      unit: 'req/s',
      details: f.catalog,
    }),
    perSecond('backend.tokens', `POST /tokens vs catalog read, ${connections} connections: ${spread(f.tokens)}`, f.tokens, {
      target: '≥ 1.0× catalog, p99 ≤ 250 ms, 0 errors',
      met: f.tokens.rps >= f.catalog.rps && f.tokens.p99 <= 250 && f.tokens.errors === 0,
    }),
    perSecond('backend.decisions8', `POST /access/decisions (8 refs) vs catalog read: ${spread(f.decisions8)}`, f.decisions8, {
      target: '0 errors',
      met: f.decisions8.errors === 0,
    }),
    perSecond('backend.jwks', `GET JWKS vs catalog read: ${spread(f.jwks)}`, f.jwks, { target: '0 errors', met: f.jwks.errors === 0 }),
    row({
      id: 'backend.decisionsManyCold',
      measurement: `Decisions for ${apps} apps, ownership-based user, cold caches (max of 5; p50 ${Math.round(f.decisionsManyCold.p50)} ms)`,
      figure: f.decisionsManyCold.max,
      unit: 'ms',
      target: '≤ 300 ms, 0 errors',
      met: f.decisionsManyCold.max <= 300 && f.decisionsManyCold.errors === 0,
      details: f.decisionsManyCold,
    }),
    row({
      id: 'backend.decisionsMany',
      measurement: `Decisions for ${apps} apps, ownership-based user, one after the other (p99; p50 ${Math.round(f.decisionsManyAlone.p50)} ms)`,
      figure: f.decisionsManyAlone.p99,
      unit: 'ms',
      target: '≤ 300 ms, 0 errors',
      met: f.decisionsManyAlone.p99 <= 300 && f.decisionsManyAlone.errors === 0,
      details: f.decisionsManyAlone,
    }),
    row({
      id: 'backend.decisionsManyParallel',
      measurement:
        `Decisions for ${apps} apps, 10 in parallel (p99): ${spread(f.decisionsManyParallel)}; ` +
        `GET /health meanwhile: p99 ${Math.round(f.healthUnderLoad.p99)} ms, max ${Math.round(f.healthUnderLoad.max)} ms, ${f.healthUnderLoad.errors} errors`,
      figure: f.decisionsManyParallel.p99,
      unit: 'ms',
      target: '0 errors, health answers',
      met: f.decisionsManyParallel.errors === 0 && f.healthUnderLoad.errors === 0,
      details: { ...f.decisionsManyParallel, health: f.healthUnderLoad },
    }),
    ...(f.replicas
      ? [
          row({
            id: 'backend.replicas',
            measurement:
              `POST /tokens through a round-robin proxy, two replicas vs one (one PostgreSQL): ` +
              `p99 ${Math.round(f.replicas[2].tokens.p99)} vs ${Math.round(f.replicas[1].tokens.p99)} ms, ` +
              `${f.replicas[1].tokens.errors + f.replicas[2].tokens.errors} errors`,
            figure: f.replicas[2].tokens.rps,
            comparison: f.replicas[1].tokens.rps,
            unit: 'req/s',
            // Replicas, proxy, PostgreSQL and the load generator share this machine's cores: the ratio
            // shows how much a second replica adds here, not what a second machine would.
            target: '≥ 1.6× one replica, 0 errors',
            met:
              f.replicas[2].tokens.rps >= 1.6 * f.replicas[1].tokens.rps &&
              f.replicas[1].tokens.errors + f.replicas[2].tokens.errors === 0,
            details: f.replicas,
          }),
        ]
      : []),
    row({ id: 'backend.rss', measurement: 'Backend resident memory after the runs', figure: f.rssMb, unit: 'MB', details: { rssMb: f.rssMb } }),
  ];
}

/** For bench/run.mjs: `measure('backend', …, () => measureBackend(row))`. */
export async function measureBackend(row, log) {
  const figures = await runBackendBench({ log });
  // BENCH_BACKEND_REPLICAS=0 skips the replica figures.
  if (process.env.BENCH_BACKEND_REPLICAS !== '0') figures.replicas = await runReplicaBench({ log });
  return backendRows(figures, row);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.env.BENCH_BACKEND_ONLY_REPLICAS === '1') {
    console.log(JSON.stringify(await runReplicaBench(), null, 2));
    process.exit(0);
  }
  const figures = await runBackendBench();
  if (process.env.BENCH_BACKEND_REPLICAS !== '0') figures.replicas = await runReplicaBench();
  console.log(JSON.stringify(figures, null, 2));
  process.exit(0);
}
