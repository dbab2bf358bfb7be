import { mockServices, TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
} from 'jose';
import { Knex } from 'knex';
import { CLOCK_SKEW_MS, KEY_CACHE_MS, KEY_PUBLICATION_DELAY_MS } from './keySchedule';
import { privateKeySealing } from './privateKeySealing';
import { DatabaseSigningKeys, DatabaseSigningKeysOptions } from './signingKeys';
import { signMicroAppToken } from './signToken';

jest.setTimeout(30_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const timing = { keyRotationMs: HOUR, tokenLifetimeMs: 5 * MINUTE };
const SECRET = 'signing-keys-test-secret-0123456789abcdef';
const OTHER_SECRET = 'another-secret-of-another-deployment-0123';
const TABLE = 'luigi_signing_keys';
// PostgreSQL where a server is given (the test project's global setup starts one); never a container.
const POSTGRES: TestDatabaseId[] = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES18_CONNECTION_STRING ? ['POSTGRES_18'] : [];
const databases = TestDatabases.create({ ids: ['SQLITE_3', ...POSTGRES] });

/** A logger whose warnings the tests read. */
function recordingLogger() {
  const logger = mockServices.logger.mock();
  const warnings = () => logger.warn.mock.calls.map(([message]) => message);
  return { logger, warnings };
}

describe.each(databases.eachSupportedId())('DatabaseSigningKeys on %s', databaseId => {
  let knex: Knex;
  let now: number;
  const clock = () => now;
  const instance = (options: Partial<DatabaseSigningKeysOptions> = {}) =>
    DatabaseSigningKeys.create({
      database: mockServices.database({ knex }),
      timing,
      keyEncryptionSecret: SECRET,
      now: clock,
      ...options,
    });
  /** The table's rows, `created_at` as a number whatever the driver returns. */
  const rows = async () =>
    (await knex(TABLE).select().orderBy('created_at')).map(row => ({ ...row, created_at: Number(row.created_at) }));
  const count = async () => (await rows()).length;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
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
  const publishedKids = async (keys: DatabaseSigningKeys) => (await keys.publicKeys()).map(key => key.kid);

  it('creates an ES256 key pair in the database on first use, and publishes only its public part', async () => {
    const keys = await instance();
    expect(await count()).toBe(0);

    const { kid } = await keys.signingKey();
    const stored = await rows();
    expect(stored).toEqual([expect.objectContaining({ kid, created_at: now, private_jwe: expect.any(String) })]);
    const publicJwk = JSON.parse(stored[0].public_jwk);
    expect(publicJwk).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String) });

    const published = await keys.publicKeys();
    expect(published).toEqual([
      { kid, kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), alg: 'ES256', use: 'sig' },
    ]);
  });

  it('stores no private key material in plain text: the row holds the private key encrypted, bound to its kid', async () => {
    const keys = await instance();
    const { kid } = await keys.signingKey();
    const [row] = await rows();
    expect(Object.keys(row).sort()).toEqual(['created_at', 'kid', 'private_jwe', 'public_jwk', 'succeeds_kid']);
    // The private scalar, as the test recovers it with the secret, is nowhere in the row, in any usual encoding.
    const { d } = await privateKeySealing(SECRET).open(kid, row.private_jwe);
    expect(d).toEqual(expect.any(String));
    const text = JSON.stringify(row);
    const bytes = Buffer.from(d!, 'base64url');
    for (const encoding of [d!, bytes.toString('hex'), bytes.toString('base64')]) {
      expect(text).not.toContain(encoding);
    }
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(Buffer.from(row.private_jwe.split('.')[0], 'base64url').toString())).toMatchObject({
      alg: 'dir',
      enc: 'A256GCM',
      kid,
    });
    // Nor anything the JWKS serves.
    expect(JSON.stringify(await keys.publicKeys())).not.toContain(d);
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
    expect(await count()).toBe(1);
  });

  it('rotates after the interval: publishes the new key first, signs with it once published long enough', async () => {
    const keys = await instance();
    const first = (await keys.signingKey()).kid;
    now += HOUR;
    // The new key exists and is published, but the old one signs while verifiers' caches catch up.
    expect((await keys.signingKey()).kid).toBe(first);
    const published = await publishedKids(keys);
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
    expect(await publishedKids(keys)).toContain(oldKid);
    now = dropAt;
    expect(await publishedKids(await instance())).not.toContain(oldKid);
    now += KEY_CACHE_MS; // once its brief cache has expired, the first instance agrees
    expect(await publishedKids(keys)).not.toContain(oldKid);
    expect((await rows()).map(row => row.kid)).not.toContain(oldKid);
    expect(await count()).toBe(1);
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
    expect(await count()).toBe(1);
  });

  it('shares keys between instances with the same secret: each verifies what the other signed', async () => {
    const [a, b] = [await instance(), await instance()];
    const fromA = await tokenFrom(a);
    const fromB = await tokenFrom(b);
    // One key for both: b found the key a created, and decrypted its private half.
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
    expect(await publishedKids(a)).toEqual(await publishedKids(b));
    expect(await publishedKids(a)).toContain(kidOf(fromA));
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
      keyEncryptionSecret: SECRET,
      now: clock,
    });
    // Matched by message: better-sqlite3's error class comes from whichever test file loaded the native
    // module first in this Jest worker, so it need not be an Error of this file's realm.
    await expect(keys.publicKeys()).rejects.toMatchObject({ message: expect.stringContaining('luigi_signing_keys') });
  });

  describe('a key whose private half cannot be decrypted', () => {
    it('after a change of the secret: the old key stays published, a new one signs at once, with a warning', async () => {
      const before = await instance();
      const oldToken = await tokenFrom(before);
      const oldKid = kidOf(oldToken);

      now += MINUTE;
      const { logger, warnings } = recordingLogger();
      const after = await instance({ keyEncryptionSecret: OTHER_SECRET, logger });
      const newToken = await tokenFrom(after);
      const newKid = kidOf(newToken);
      expect(newKid).not.toBe(oldKid);
      expect(await publishedKids(after)).toEqual([oldKid, newKid]);
      // Tokens of both keys verify against the new deployment's key set.
      await expect(verify(oldToken, after)).resolves.toBeDefined();
      await expect(verify(newToken, after)).resolves.toBeDefined();
      expect(warnings()).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Signing key ${oldKid} of micro app tokens cannot sign: its private half cannot be decrypted with ` +
              `luigi\\.tokens\\.keyEncryptionSecret \\(the secret changed.*stays published.*` +
              `key ${newKid} signs from now on.*` +
              'micro apps may briefly need to refetch the JWKS',
          ),
        ),
      ]);

      // Once, not on every read; the new key keeps signing until it would have anyway.
      now += KEY_CACHE_MS;
      expect((await after.signingKey()).kid).toBe(newKid);
      now += KEY_PUBLICATION_DELAY_MS;
      expect((await after.signingKey()).kid).toBe(newKid);
      expect(warnings()).toHaveLength(1);
      // The old key leaves the key set once its last token has expired.
      now += timing.tokenLifetimeMs + CLOCK_SKEW_MS + KEY_CACHE_MS;
      expect(await publishedKids(after)).toEqual([newKid]);
    });

    it('refuses a tampered ciphertext', async () => {
      const kid = (await (await instance()).signingKey()).kid;
      const [row] = await rows();
      const parts = row.private_jwe.split('.');
      const ciphertext = Buffer.from(parts[3], 'base64url');
      ciphertext[0] ^= 1;
      parts[3] = ciphertext.toString('base64url');
      await knex(TABLE).where({ kid }).update({ private_jwe: parts.join('.') });

      now += MINUTE;
      const { logger, warnings } = recordingLogger();
      const keys = await instance({ logger });
      const signing = (await keys.signingKey()).kid;
      expect(signing).not.toBe(kid);
      expect(await publishedKids(keys)).toEqual([kid, signing]);
      expect(warnings()).toEqual([expect.stringContaining(`Signing key ${kid} of micro app tokens cannot sign`)]);
    });

    it("refuses a ciphertext moved to another kid's row", async () => {
      const keys = await instance();
      const first = (await keys.signingKey()).kid;
      now += HOUR;
      await keys.signingKey(); // creates the second key
      const [, second] = await rows();
      const [firstRow] = await rows();
      expect(firstRow.kid).toBe(first);
      // The second key's row gets the first key's private half, which is a valid ciphertext under this secret.
      await knex(TABLE).where({ kid: second.kid }).update({ private_jwe: firstRow.private_jwe });

      now += KEY_PUBLICATION_DELAY_MS; // the second key is due to sign
      const { logger, warnings } = recordingLogger();
      const fresh = await instance({ logger });
      const signing = (await fresh.signingKey()).kid;
      // Neither the moved half (under its new row's kid) nor the superseded first key signs: a third key does.
      expect([first, second.kid]).not.toContain(signing);
      expect(await publishedKids(fresh)).toEqual([first, second.kid, signing]);
      expect(warnings()).toEqual([expect.stringContaining(`Signing key ${second.kid} of micro app tokens cannot sign`)]);
    });

    it('a private half of another key pair under the right kid is refused', async () => {
      const kid = (await (await instance()).signingKey()).kid;
      // Sealed correctly for the kid, but not that key's private half.
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const other = await exportJWK(privateKey);
      expect(await calculateJwkThumbprint(other)).not.toBe(kid);
      await knex(TABLE).where({ kid }).update({ private_jwe: await privateKeySealing(SECRET).seal(kid, other) });

      const keys = await instance();
      expect((await keys.signingKey()).kid).not.toBe(kid);
    });

    it('without a secret (identity-provider issues tokens): publishes the keys it finds, creates none', async () => {
      const kid = (await (await instance()).signingKey()).kid;
      const { logger, warnings } = recordingLogger();
      const keys = await instance({ keyEncryptionSecret: undefined, logger });
      expect(await publishedKids(keys)).toEqual([kid]);
      await expect(keys.signingKey()).rejects.toThrow('luigi.tokens.keyEncryptionSecret is not set');
      now += 2 * HOUR; // long past rotation and the key's life
      expect(await publishedKids(keys)).toEqual([kid]);
      expect(await count()).toBe(1);
      expect(warnings()).toEqual([]);

      // On an empty table it publishes an empty set.
      await knex(TABLE).delete();
      now += KEY_CACHE_MS;
      expect(await keys.publicKeys()).toEqual([]);
      expect(await count()).toBe(0);
    });
  });

  describe('the migration that encrypts private keys', () => {
    const directory = `${__dirname}/../../migrations`;
    const indexesOf = async (table: string): Promise<string[]> =>
      databaseId === 'SQLITE_3'
        ? (await knex('sqlite_master').where({ type: 'index', tbl_name: table }).select('name')).map(row => row.name)
        : (await knex('pg_indexes').where({ tablename: table }).select('indexname')).map(row => row.indexname);

    it('removes the plain private keys of existing rows, keeps their public keys, and a new key signs', async () => {
      // The table as the first migration left it, with a key stored in plain text.
      await knex.migrate.up({ directory, name: '20261201000000_signing_keys.js' });
      const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
      const { kty, crv, x, y, d } = await exportJWK(privateKey);
      const legacyKid = await calculateJwkThumbprint(await exportJWK(publicKey));
      await knex(TABLE).insert({
        kid: legacyKid,
        created_at: now - MINUTE,
        public_jwk: JSON.stringify({ kty, crv, x, y }),
        private_jwk: JSON.stringify({ kty, crv, x, y, d }),
      });

      const { logger, warnings } = recordingLogger();
      const keys = await instance({ logger }); // migrates to the latest version
      const [legacy] = await rows();
      expect(legacy).toEqual({
        kid: legacyKid,
        created_at: now - MINUTE,
        public_jwk: JSON.stringify({ kty, crv, x, y }),
        private_jwe: null,
        succeeds_kid: null,
      });
      expect(JSON.stringify(await rows())).not.toContain(d);
      expect(await knex.schema.hasColumn(TABLE, 'private_jwk')).toBe(false);
      // The column was dropped, not the table's index (SQLite drops a column by copying the table).
      expect(await indexesOf(TABLE)).toContain('luigi_signing_keys_created_at_idx');

      // Its public key is still published (its tokens may be live); a new key signs at once.
      const signing = (await keys.signingKey()).kid;
      expect(signing).not.toBe(legacyKid);
      expect(await publishedKids(keys)).toEqual([legacyKid, signing]);
      expect(warnings()).toEqual([
        expect.stringContaining(
          `Signing key ${legacyKid} of micro app tokens cannot sign: it was stored before private keys were encrypted`,
        ),
      ]);
    });

    it('can be rolled back: the keys are deleted, and the plain column is back', async () => {
      const keys = await instance();
      await keys.signingKey();
      // That migration by name: later ones (access requests) stay.
      await knex.migrate.down({ directory, name: '20261207000000_signing_keys_private_jwe.js' });
      expect(await knex.schema.hasColumn(TABLE, 'private_jwe')).toBe(false);
      expect(await knex.schema.hasColumn(TABLE, 'private_jwk')).toBe(true);
      expect(await count()).toBe(0);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasColumn(TABLE, 'private_jwe')).toBe(true);
    });
  });
});
