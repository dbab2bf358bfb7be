import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import knexFactory, { Knex } from 'knex';
import { migratedDatabase } from '../database/migrateDatabase';
import { DatabaseSigningKeys, PublicSigningKey } from './signingKeys';
import { signMicroAppToken } from './signToken';
import { JWKS_MAX_AGE_SECONDS } from './tokenRoutes';

// Key rotation across several backend replicas on one database, with a clock the test controls:
// rotation takes ten minutes at least, too long for the replica test of real processes
// (e2e/replicas/replicas.test.mjs), which checks the rest on real PostgreSQL. Here every replica
// is a DatabaseSigningKeys of its own, with its own connection pool on PostgreSQL, all asked at the
// same moments, as replicas behind a load balancer are.

jest.setTimeout(120_000);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The shortest settings allowed: the most rotations per simulated hour. */
const timing = { keyRotationMs: 10 * MINUTE, tokenLifetimeMs: 30 * SECOND };
const keyEncryptionSecret = 'replica-rotation-test-secret-0123456789';
/** How stale a verifier's copy of a key set may be: the JWKS `max-age`, plus jose's refetch cooldown (30 s). */
const VERIFIER_CACHE_MS = JWKS_MAX_AGE_SECONDS * SECOND + 30 * SECOND;
const STEP_MS = 5 * SECOND;

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] });

/** One connection pool per replica where the engine allows it (SQLite in memory is one pool). */
function poolFor(knex: Knex, databaseId: string): Knex {
  return databaseId === 'SQLITE_3' ? knex : knexFactory(knex.client.config);
}

describe.each(databases.eachSupportedId())('signing keys of several replicas on %p', databaseId => {
  let knex: Knex;
  const pools: Knex[] = [];

  beforeAll(async () => {
    knex = await databases.init(databaseId);
  });

  afterAll(async () => {
    await Promise.all(pools.filter(pool => pool !== knex).map(pool => pool.destroy()));
  });

  it('rotates without any moment at which a live token fails against any replica’s key set', async () => {
    const start = Date.parse('2026-12-01T10:00:00Z');
    let now = start;
    const replica = async () => {
      const pool = poolFor(knex, databaseId);
      pools.push(pool);
      return DatabaseSigningKeys.create({
        database: mockServices.database({ knex: pool }),
        timing,
        keyEncryptionSecret,
        now: () => now,
      });
    };
    const replicas = [await replica(), await replica(), await replica()];
    // No key yet: the replicas' first requests, at the same moment, create the very first key.

    interface Issued {
      token: string;
      kid: string;
      at: number;
      by: number;
    }
    const issued: Issued[] = [];
    /** What each replica published at each step, by time. */
    const published = new Map<number, Set<string>[]>();

    const end = start + 3 * timing.keyRotationMs + 2 * MINUTE;
    for (; now <= end; now += STEP_MS) {
      if (now === start + 17 * MINUTE) replicas.push(await replica()); // a replica joins late
      // Every replica at once, as concurrent requests: each issues a token and serves its key set.
      const answers = await Promise.all(
        replicas.map(async (keys, by) => {
          const key = await keys.signingKey();
          const iat = Math.floor(now / SECOND);
          const token = await signMicroAppToken(key, {
            iss: 'http://localhost:7007/api/luigi',
            sub: 'user:default/alice',
            aud: 'component:default/orders',
            ent: ['user:default/alice'],
            app: 'component:default/orders',
            iat,
            exp: iat + timing.tokenLifetimeMs / SECOND,
            jti: `${by}-${now}`,
          });
          return { token, kid: key.kid, by, keys: await keys.publicKeys() };
        }),
      );
      published.set(
        now,
        answers.map(answer => new Set(answer.keys.map(k => k.kid))),
      );
      for (const { token, kid, by } of answers) issued.push({ token, kid, at: now, by });

      // Each token verifies, now, against the key set of every other replica.
      for (const { token, by } of answers) {
        for (const { keys, by: verifier } of answers) {
          if (verifier === by) continue;
          await expect(verify(token, keys, now)).resolves.toBeDefined();
        }
      }
    }

    // Rotation happened, several times.
    const kids = [...new Set(issued.map(i => i.kid))];
    expect(kids.length).toBeGreaterThanOrEqual(4);

    // No window: a token's key is in every replica's key set from a verifier's cache lifetime before
    // the token was signed (a micro app may hold a set fetched that long ago), or from the key's first
    // use if it is the very first key, until the token expires.
    const firstUse = new Map<string, number>();
    for (const { kid, at } of issued) if (!firstUse.has(kid)) firstUse.set(kid, at);
    const firstKid = issued[0].kid;
    const missing: string[] = [];
    for (const { kid, at, by } of issued) {
      const from = kid === firstKid ? firstUse.get(kid)! : Math.max(start, at - VERIFIER_CACHE_MS);
      const to = at + timing.tokenLifetimeMs;
      for (let t = from; t <= Math.min(to, end); t += STEP_MS) {
        published.get(t)?.forEach((set, replicaIndex) => {
          if (!set.has(kid)) {
            const when = (time: number) => `+${(time - start) / SECOND}s`;
            missing.push(`${kid} (signed by ${by} at ${when(at)}) not published by ${replicaIndex} at ${when(t)}`);
          }
        });
      }
    }
    expect(missing.slice(0, 5)).toEqual([]);

    // Keys whose tokens have all expired are gone from the database, for every replica alike.
    const stored = await knex('luigi_signing_keys').select('kid', 'created_at');
    expect(stored.map(row => row.kid)).not.toContain(firstKid);
  });
});

describe('the very first key', () => {
  it('is one key, whichever replicas create it at the same moment, on PostgreSQL', async () => {
    // Each trial: an empty table, three replicas with their own pools asked at once. Without one
    // successor per key, a replica whose re-read missed another's insert signs with a key the others
    // do not publish for up to the key cache's 10 s (seen in 14 of 60 signer/verifier pairs).
    for (let trial = 0; trial < 10; trial++) {
      const knex = await databases.init('POSTGRES_18');
      const pools = [0, 1, 2].map(() => knexFactory(knex.client.config));
      try {
        await migratedDatabase(mockServices.database({ knex }));
        const now = Date.parse('2026-12-01T10:00:00Z');
        const replicas = await Promise.all(
          pools.map(pool =>
            DatabaseSigningKeys.create({
              database: mockServices.database({ knex: pool, migrations: { skip: true } }),
              timing,
              keyEncryptionSecret,
              now: () => now,
            }),
          ),
        );
        const answers = await Promise.all(
          replicas.map(async keys => ({
            kid: (await keys.signingKey()).kid,
            published: (await keys.publicKeys()).map(key => key.kid),
          })),
        );
        expect(new Set(answers.map(answer => answer.kid)).size).toBe(1);
        for (const { published } of answers) expect(published).toEqual([answers[0].kid]);
        expect(Number((await knex('luigi_signing_keys').count({ n: '*' }))[0].n)).toBe(1);
      } finally {
        await Promise.all(pools.map(pool => pool.destroy()));
      }
    }
  });
});

async function verify(token: string, keys: PublicSigningKey[], now: number) {
  const jwks = createLocalJWKSet({ keys });
  const { kid } = decodeProtectedHeader(token);
  return jwtVerify(token, jwks, {
    audience: 'component:default/orders',
    algorithms: ['ES256'],
    currentDate: new Date(now),
  }).catch(error => {
    throw new Error(`token of key ${kid} did not verify: ${error.message}`);
  });
}
