import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { LUIGI_TOKEN_ALGORITHM } from 'backstage-plugin-luigi-common';
import { calculateJwkThumbprint, CryptoKey, exportJWK, generateKeyPair, importJWK, JWK } from 'jose';
import { Knex } from 'knex';
import { migratedDatabase } from '../database/migrateDatabase';
import { KEY_CACHE_MS, KEY_PUBLICATION_DELAY_MS, KeyPlan, KeyTiming, planKeys, ScheduledKey } from './keySchedule';
import { PrivateKeySealing, privateKeySealing } from './privateKeySealing';

/** The table of the `20261201000000_signing_keys` migration (private halves encrypted since `20261207000000`). */
const TABLE = 'luigi_signing_keys';

/**
 * A public key that verifies micro app tokens, as published in the JWKS.
 * @public
 */
export interface PublicSigningKey {
  kid: string;
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  alg: 'ES256';
  use: 'sig';
}

/**
 * The private key to sign a token with, and its id for the token's `kid` header.
 * @public
 */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * The keys that sign micro app tokens and the public keys that verify them.
 * @public
 */
export interface SigningKeys {
  /** The key to sign with now, created (or rotated) as needed. */
  signingKey(): Promise<SigningKey>;
  /**
   * The public keys of every key that signs now or soon, or may have signed a token still live.
   * Creates the first (or next) key when due, like `signingKey`: the set is never empty, and a
   * replica that only serves the JWKS still publishes the next key early. (A store without a secret
   * creates none: it publishes the keys it finds, if any.)
   */
  publicKeys(): Promise<PublicSigningKey[]>;
}

interface KeyRow {
  kid: string;
  created_at: number | string;
  public_jwk: string;
  /** The private JWK sealed by `PrivateKeySealing`; null in rows from before it was encrypted. */
  private_jwe: string | null;
}

/** A key's private half as this replica can use it, or why it cannot. */
type PrivateHalf = { privateKey: CryptoKey } | { problem: string };

interface StoredKey extends ScheduledKey {
  publicJwk: JWK;
  privateHalf: PrivateHalf;
}

interface Snapshot {
  readAt: number;
  plan: KeyPlan<StoredKey>;
}

/** Options of {@link DatabaseSigningKeys.create}. @public */
export interface DatabaseSigningKeysOptions {
  /** The plugin's database, migrated on create (unless the deployment skips migrations). */
  database: DatabaseService;
  /** Key rotation and token lifetime, from `readTokenConfig`. */
  timing: KeyTiming;
  /**
   * `luigi.tokens.keyEncryptionSecret` (see `readKeyEncryptionSecret`): encrypts each private key
   * before it is stored. Without it the store creates no key and signs with none: it only publishes
   * the keys it finds (for `issuedBy: identity-provider`, whose earlier tokens may be live).
   */
  keyEncryptionSecret?: string;
  /** Told of each key created, and warned of each key that cannot sign. */
  logger?: LoggerService;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/**
 * ES256 signing keys kept in the plugin's database, so every replica signs with the same keys and
 * publishes all of them: a token one replica issues verifies against the JWKS of any other. Each
 * replica works from what it read of the table for a few seconds at most (see `keySchedule`); replicas
 * rotating at the same moment may each add a key, which is harmless since both are published.
 *
 * No private key is stored in plain text: each is encrypted with `keyEncryptionSecret`, bound to its
 * key id, and decrypted into memory only. A key this replica cannot decrypt (the secret changed, or
 * the row predates encryption) stays published but never signs; a new key replaces it at once.
 * @public
 */
export class DatabaseSigningKeys implements SigningKeys {
  readonly #knex: Knex;
  readonly #timing: KeyTiming;
  readonly #logger?: LoggerService;
  readonly #now: () => number;
  readonly #sealing?: PrivateKeySealing;
  /** Decrypted (or refused) private halves by kid; a row never changes, so neither does its outcome. */
  readonly #privateHalves = new Map<string, Promise<PrivateHalf>>();
  /** The unusable keys already warned about, so a warning is logged once per key. */
  readonly #warned = new Set<string>();
  #snapshot?: Snapshot;
  #reading?: Promise<Snapshot>;

  /** Migrates the plugin's database, then serves its keys. */
  static async create(options: DatabaseSigningKeysOptions): Promise<DatabaseSigningKeys> {
    return new DatabaseSigningKeys(await migratedDatabase(options.database), options);
  }

  private constructor(knex: Knex, options: DatabaseSigningKeysOptions) {
    this.#knex = knex;
    this.#timing = options.timing;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    if (options.keyEncryptionSecret) this.#sealing = privateKeySealing(options.keyEncryptionSecret);
  }

  async signingKey(): Promise<SigningKey> {
    const { plan } = await this.#current();
    const key = plan.signing;
    if (!key || !('privateKey' in key.privateHalf)) {
      throw new Error(
        this.#sealing
          ? 'No signing key for micro app tokens could be created'
          : 'luigi.tokens.keyEncryptionSecret is not set: this backend signs no micro app tokens',
      );
    }
    return { kid: key.kid, privateKey: key.privateHalf.privateKey };
  }

  async publicKeys(): Promise<PublicSigningKey[]> {
    const { plan } = await this.#current();
    // Only the public members, whatever else the stored JWK holds.
    return plan.published.map(({ kid, publicJwk }) => ({
      kid,
      kty: 'EC',
      crv: 'P-256',
      x: publicJwk.x!,
      y: publicJwk.y!,
      alg: 'ES256',
      use: 'sig',
    }));
  }

  /** The last read of the table while it is fresh and needs no new key, else a new read (one at a time). */
  async #current(): Promise<Snapshot> {
    const snapshot = this.#snapshot;
    const now = this.#now();
    const needsKey = snapshot?.plan.rotationDue && this.#sealing;
    if (snapshot && now - snapshot.readAt < KEY_CACHE_MS && now >= snapshot.readAt && !needsKey) {
      return snapshot;
    }
    this.#reading ??= this.#read().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  async #read(): Promise<Snapshot> {
    const now = this.#now();
    let plan = planKeys(await this.#load(), now, this.#timing);
    if (plan.expired.length > 0) {
      await this.#knex(TABLE)
        .whereIn('kid', plan.expired.map(key => key.kid))
        .delete();
    }
    if (plan.rotationDue && this.#sealing) {
      await this.#createKey(this.#sealing, now, plan.published[plan.published.length - 1]?.kid ?? '');
      // Read again: the key this replica added, or the one another replica added first.
      plan = planKeys(await this.#load(), now, this.#timing);
    }
    for (const kid of [...this.#privateHalves.keys(), ...this.#warned]) {
      if (!plan.published.some(key => key.kid === kid)) {
        this.#privateHalves.delete(kid);
        this.#warned.delete(kid);
      }
    }
    this.#warnOfUnusable(plan);
    this.#snapshot = { readAt: now, plan };
    return this.#snapshot;
  }

  async #load(): Promise<StoredKey[]> {
    const rows: KeyRow[] = await this.#knex(TABLE).select('kid', 'created_at', 'public_jwk', 'private_jwe');
    return Promise.all(
      rows.map(async row => {
        const privateHalf = await this.#privateHalf(row);
        return {
          kid: row.kid,
          // Some drivers (pg) return big integers as strings.
          createdAt: Number(row.created_at),
          publicJwk: JSON.parse(row.public_jwk),
          privateHalf,
          canSign: 'privateKey' in privateHalf,
        };
      }),
    );
  }

  /** The row's private half, decrypted once per process and kept in memory only. */
  #privateHalf(row: KeyRow): Promise<PrivateHalf> {
    let half = this.#privateHalves.get(row.kid);
    if (!half) {
      half = this.#openPrivateHalf(row);
      this.#privateHalves.set(row.kid, half);
    }
    return half;
  }

  async #openPrivateHalf(row: KeyRow): Promise<PrivateHalf> {
    if (!this.#sealing) return { problem: 'luigi.tokens.keyEncryptionSecret is not set' };
    if (!row.private_jwe) return { problem: 'it was stored before private keys were encrypted' };
    try {
      const jwk = await this.#sealing.open(row.kid, row.private_jwe);
      // The private half must belong to the row's key: its public part has the row's thumbprint.
      if ((await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y })) !== row.kid) {
        throw new Error('not the private half of this key');
      }
      return { privateKey: (await importJWK(jwk, LUIGI_TOKEN_ALGORITHM)) as CryptoKey };
    } catch {
      return {
        problem:
          'its private half cannot be decrypted with luigi.tokens.keyEncryptionSecret (the secret changed, ' +
          'a replica has another one, or the stored value was altered)',
      };
    }
  }

  /** Says once per key why the key due to sign does not, and what signs instead. */
  #warnOfUnusable(plan: KeyPlan<StoredKey>): void {
    const { unusable, signing } = plan;
    // Without a secret nothing signs, by configuration: nothing to warn of.
    if (!this.#sealing || !unusable || !signing || this.#warned.has(unusable.kid)) return;
    this.#warned.add(unusable.kid);
    const problem = 'problem' in unusable.privateHalf ? unusable.privateHalf.problem : '';
    this.#logger?.warn(
      `Signing key ${unusable.kid} of micro app tokens cannot sign: ${problem}. It stays published ` +
        `for the tokens it signed, and key ${signing.kid} signs from now on, without being published ` +
        `${KEY_PUBLICATION_DELAY_MS / 60_000} minutes first: micro apps may briefly need to refetch the ` +
        'JWKS to verify new tokens. Give every replica the same luigi.tokens.keyEncryptionSecret.',
    );
  }

  /**
   * Adds the successor of key `succeeds` ('' for the first key). The table holds one successor per
   * key: when replicas rotate at the same moment, one insert wins and the others give way, so no two
   * replicas ever sign with keys the other does not publish.
   */
  async #createKey(sealing: PrivateKeySealing, now: number, succeeds: string): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair(LUIGI_TOKEN_ALGORITHM, { extractable: true });
    const { kty, crv, x, y, d } = await exportJWK(privateKey);
    const publicJwk = { kty, crv, x, y };
    const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
    try {
      await this.#knex(TABLE).insert({
        kid,
        created_at: now,
        public_jwk: JSON.stringify(publicJwk),
        private_jwe: await sealing.seal(kid, { ...publicJwk, d }),
        succeeds_kid: succeeds,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return; // another replica added the successor first
      throw error;
    }
    this.#logger?.info(`Created a signing key for micro app tokens, kid ${kid}`);
  }
}

/** A unique constraint refused the row: PostgreSQL's 23505, SQLite's and MySQL's own codes. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'ER_DUP_ENTRY';
}
