import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { Knex } from 'knex';
import { CLOCK_SKEW_MS, KEY_CACHE_MS, KEY_PUBLICATION_DELAY_MS } from './keySchedule';
import { DatabaseSigningKeys } from './signingKeys';
import { signMicroAppToken } from './signToken';

jest.setTimeout(30_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const timing = { keyRotationMs: HOUR, tokenLifetimeMs: 5 * MINUTE };
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

let knex: Knex;
let now: number;
const clock = () => now;
const instance = () =>
  DatabaseSigningKeys.create({ database: mockServices.database({ knex }), timing, now: clock });

beforeEach(async () => {
  knex = await databases.init('SQLITE_3');
  now = Date.parse('2026-12-01T10:00:00Z');
});

/** A token signed by `keys` at the fake clock's time, valid for the configured lifetime. */
async function tokenFrom(keys: DatabaseSigningKeys, aud = 'component:default/orders') {
  const iat = Math.floor(now / 1000);
  return signMicroAppToken(await keys.signingKey(), {
    iss: 'http://localhost:7007/api/luigi',
    sub: 'user:default/alice',
    aud,
    ent: ['user:default/alice'],
    app: 'component:default/orders',
    iat,
    exp: iat + timing.tokenLifetimeMs / 1000,
    jti: 'test',
  });
}

/** Verifies a token against the key set `keys` publishes, at the fake clock's time. */
async function verify(token: string, keys: DatabaseSigningKeys, audience = 'component:default/orders') {
  const jwks = createLocalJWKSet({ keys: await keys.publicKeys() });
  return jwtVerify(token, jwks, { audience, algorithms: ['ES256'], currentDate: new Date(now) });
}

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

describe('DatabaseSigningKeys', () => {
  it('creates an ES256 key pair in the database on first use, and publishes only its public part', async () => {
    const keys = await instance();
    expect(await knex('luigi_signing_keys').count({ n: '*' })).toEqual([{ n: 0 }]);

    const { kid } = await keys.signingKey();
    const rows = await knex('luigi_signing_keys').select();
    expect(rows).toEqual([expect.objectContaining({ kid, created_at: now })]);
    expect(JSON.parse(rows[0].private_jwk)).toEqual(expect.objectContaining({ kty: 'EC', crv: 'P-256', d: expect.any(String) }));

    const published = await keys.publicKeys();
    expect(published).toEqual([
      { kid, kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), alg: 'ES256', use: 'sig' },
    ]);
    expect(JSON.stringify(published)).not.toContain(JSON.parse(rows[0].private_jwk).d);
  });

  it('signs tokens that verify against its public keys, for their audience only', async () => {
    const keys = await instance();
    const token = await tokenFrom(keys);
    const { payload, protectedHeader } = await verify(token, keys);
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: expect.any(String), typ: 'JWT' });
    expect(payload).toMatchObject({ sub: 'user:default/alice', aud: 'component:default/orders' });
    await expect(verify(token, keys, 'component:default/billing')).rejects.toThrow(/aud/);
  });

  it('keeps signing with one key until the rotation interval has passed', async () => {
    const keys = await instance();
    const first = (await keys.signingKey()).kid;
    now += HOUR - 1;
    expect((await keys.signingKey()).kid).toBe(first);
    expect(await knex('luigi_signing_keys').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('rotates after the interval: publishes the new key first, signs with it once published long enough', async () => {
    const keys = await instance();
    const first = (await keys.signingKey()).kid;
    now += HOUR;
    // The new key exists and is published, but the old one signs while verifiers' caches catch up.
    expect((await keys.signingKey()).kid).toBe(first);
    const published = (await keys.publicKeys()).map(key => key.kid);
    expect(published).toHaveLength(2);
    const second = published.find(kid => kid !== first);

    now += KEY_PUBLICATION_DELAY_MS;
    expect((await keys.signingKey()).kid).toBe(second);
  });

  it('publishes the old key until its last token has expired, then drops it from the JWKS and the database', async () => {
    const keys = await instance();
    const start = now;
    const oldKid = (await keys.signingKey()).kid;
    now += HOUR;
    await keys.signingKey(); // creates the successor, published before it signs
    // Another replica reads the table just before the successor takes over, and works from that read.
    const lagging = await instance();
    now += KEY_PUBLICATION_DELAY_MS - 1;
    expect((await lagging.signingKey()).kid).toBe(oldKid);
    now += KEY_CACHE_MS - 1;
    const lastOldToken = await tokenFrom(lagging);
    expect(kidOf(lastOldToken)).toBe(oldKid);

    // That token verifies until it expires …
    now += timing.tokenLifetimeMs - 1000;
    await expect(verify(lastOldToken, keys)).resolves.toBeDefined();
    // … and its key stays published until then, plus clock skew.
    const dropAt = start + HOUR + KEY_PUBLICATION_DELAY_MS + KEY_CACHE_MS + timing.tokenLifetimeMs + CLOCK_SKEW_MS;
    now = dropAt - 1;
    expect((await keys.publicKeys()).map(key => key.kid)).toContain(oldKid);
    now = dropAt;
    expect((await (await instance()).publicKeys()).map(key => key.kid)).not.toContain(oldKid);
    now += KEY_CACHE_MS; // once its brief cache has expired, the first instance agrees
    expect((await keys.publicKeys()).map(key => key.kid)).not.toContain(oldKid);
    expect((await knex('luigi_signing_keys').select('kid')).map(row => row.kid)).not.toContain(oldKid);
    expect(await knex('luigi_signing_keys').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('serves from memory briefly, but never for longer than its cache period', async () => {
    const keys = await instance();
    await keys.signingKey();
    const select = jest.spyOn(knex.client, 'query');
    await keys.publicKeys();
    await keys.signingKey();
    expect(select).not.toHaveBeenCalled();
    now += KEY_CACHE_MS;
    await keys.publicKeys();
    expect(select).toHaveBeenCalled();
    select.mockRestore();
  });

  it('creates one key for concurrent first requests of one instance', async () => {
    const keys = await instance();
    const kids = await Promise.all([keys.signingKey(), keys.signingKey(), keys.publicKeys()]);
    expect(kids[0].kid).toBe(kids[1].kid);
    expect(await knex('luigi_signing_keys').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('shares keys between instances on one database: each verifies what the other signed', async () => {
    const [a, b] = [await instance(), await instance()];
    const fromA = await tokenFrom(a);
    const fromB = await tokenFrom(b);
    // One key for both: b found the key a created.
    expect(kidOf(fromB)).toBe(kidOf(fromA));
    await expect(verify(fromA, b)).resolves.toBeDefined();
    await expect(verify(fromB, a)).resolves.toBeDefined();

    // After a rotation that b performs, a (whose cache has expired) publishes and signs with the same keys.
    now += HOUR;
    await b.signingKey();
    now += KEY_PUBLICATION_DELAY_MS;
    const rotatedB = await tokenFrom(b);
    const rotatedA = await tokenFrom(a);
    expect(kidOf(rotatedA)).toBe(kidOf(rotatedB));
    expect(kidOf(rotatedA)).not.toBe(kidOf(fromA));
    await expect(verify(rotatedB, a)).resolves.toBeDefined();
    await expect(verify(rotatedA, b)).resolves.toBeDefined();
    // The first key is still published by both, for tokens a lagging replica may have signed.
    expect((await a.publicKeys()).map(key => key.kid)).toEqual((await b.publicKeys()).map(key => key.kid));
    expect((await a.publicKeys()).map(key => key.kid)).toContain(kidOf(fromA));
  });

  it('lets a second instance verify a token signed by the first while it still has the key set cached', async () => {
    const [a, b] = [await instance(), await instance()];
    await b.publicKeys(); // b reads (and creates) the first key and caches the set
    now += HOUR;
    await a.signingKey(); // a creates the next key; b's cache does not know it yet
    now += KEY_PUBLICATION_DELAY_MS;
    const token = await tokenFrom(a);
    await expect(verify(token, b)).resolves.toBeDefined();
  });

  it('refuses an expired token', async () => {
    const keys = await instance();
    const token = await tokenFrom(keys);
    now += timing.tokenLifetimeMs;
    await expect(verify(token, keys)).rejects.toThrow(/"exp" claim timestamp check failed/);
  });

  it('skips the migrations when the deployment says so', async () => {
    const keys = await DatabaseSigningKeys.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
      timing,
      now: clock,
    });
    // Matched by message: better-sqlite3's error class comes from whichever test file loaded the native
    // module first in this Jest worker, so it need not be an Error of this file's realm.
    await expect(keys.publicKeys()).rejects.toMatchObject({ message: expect.stringContaining('luigi_signing_keys') });
  });
});
