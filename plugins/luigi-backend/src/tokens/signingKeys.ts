import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { LUIGI_TOKEN_ALGORITHM } from 'backstage-plugin-luigi-common';
import { calculateJwkThumbprint, CryptoKey, exportJWK, generateKeyPair, importJWK, JWK } from 'jose';
import { Knex } from 'knex';
import { migratedDatabase } from '../database/migrateDatabase';
import { KEY_CACHE_MS, KeyPlan, KeyTiming, planKeys, ScheduledKey } from './keySchedule';

/** The table of the `20261201000000_signing_keys` migration. */
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
   * replica that only serves the JWKS still publishes the next key early.
   */
  publicKeys(): Promise<PublicSigningKey[]>;
}

interface KeyRow {
  kid: string;
  created_at: number | string;
  public_jwk: string;
  private_jwk: string;
}

interface StoredKey extends ScheduledKey {
  publicJwk: JWK;
  privateJwk: JWK;
}

interface Snapshot {
  readAt: number;
  plan: KeyPlan<StoredKey>;
}

/** Options of {@link DatabaseSigningKeys.create}. @public */
export interface DatabaseSigningKeysOptions {
  database: DatabaseService;
  timing: KeyTiming;
  logger?: LoggerService;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/**
 * ES256 signing keys kept in the plugin's database, so every replica signs with the same keys and
 * publishes all of them: a token one replica issues verifies against the JWKS of any other. Each
 * replica works from what it read of the table for a few seconds at most (see `keySchedule`); replicas
 * rotating at the same moment may each add a key, which is harmless since both are published.
 * @public
 */
export class DatabaseSigningKeys implements SigningKeys {
  readonly #knex: Knex;
  readonly #timing: KeyTiming;
  readonly #logger?: LoggerService;
  readonly #now: () => number;
  readonly #privateKeys = new Map<string, Promise<CryptoKey>>();
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
  }

  async signingKey(): Promise<SigningKey> {
    const { plan } = await this.#current();
    const key = plan.signing;
    if (!key) throw new Error('No signing key for micro app tokens could be created');
    let privateKey = this.#privateKeys.get(key.kid);
    if (!privateKey) {
      privateKey = (importJWK(key.privateJwk, LUIGI_TOKEN_ALGORITHM) as Promise<CryptoKey>).catch(error => {
        this.#privateKeys.delete(key.kid);
        throw error;
      });
      this.#privateKeys.set(key.kid, privateKey);
    }
    return { kid: key.kid, privateKey: await privateKey };
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
    if (snapshot && now - snapshot.readAt < KEY_CACHE_MS && now >= snapshot.readAt && !snapshot.plan.rotationDue) {
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
    if (plan.rotationDue) {
      await this.#createKey(now);
      // Read again: another replica may have added a key at the same time, and every replica must
      // choose the same one to sign with.
      plan = planKeys(await this.#load(), now, this.#timing);
    }
    for (const kid of this.#privateKeys.keys()) {
      if (!plan.published.some(key => key.kid === kid)) this.#privateKeys.delete(kid);
    }
    this.#snapshot = { readAt: now, plan };
    return this.#snapshot;
  }

  async #load(): Promise<StoredKey[]> {
    const rows: KeyRow[] = await this.#knex(TABLE).select('kid', 'created_at', 'public_jwk', 'private_jwk');
    return rows.map(row => ({
      kid: row.kid,
      // Some drivers (pg) return big integers as strings.
      createdAt: Number(row.created_at),
      publicJwk: JSON.parse(row.public_jwk),
      privateJwk: JSON.parse(row.private_jwk),
    }));
  }

  async #createKey(now: number): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair(LUIGI_TOKEN_ALGORITHM, { extractable: true });
    const { kty, crv, x, y, d } = await exportJWK(privateKey);
    const publicJwk = { kty, crv, x, y };
    const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
    await this.#knex(TABLE).insert({
      kid,
      created_at: now,
      public_jwk: JSON.stringify(publicJwk),
      private_jwk: JSON.stringify({ ...publicJwk, d }),
    });
    this.#logger?.info(`Created a signing key for micro app tokens, kid ${kid}`);
  }
}
