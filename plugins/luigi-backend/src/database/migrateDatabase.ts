import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ensureOneMigrationLockRow } from './migrationLockRow';

/** How long a replica waits for another replica's migrations before giving up. */
export const MIGRATION_WAIT_MS = 60_000;

/**
 * Whether a migration failed only because another replica migrates at the same moment: knex refuses
 * a held lock instead of waiting (`MigrationLocked`), and two replicas creating knex's own tables
 * on an empty database collide (`already exists`, or PostgreSQL's unique violation on its catalog).
 */
function isConcurrentMigration(error: unknown): boolean {
  // Duck-typed: a native driver's errors need not be instances of this realm's Error.
  const { name, message, code } = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown };
  return name === 'MigrationLocked' || (typeof message === 'string' && /already exists/i.test(message)) || code === '23505';
}

/**
 * The plugin's database client, with its tables migrated to the latest version, unless the
 * deployment skips migrations (`backend.database.plugin.luigi.skipMigrations`, e.g. on a read-only
 * connection). Replicas started together on one database take turns: a replica that finds the
 * migrations locked (or knex's tables being created) by another tries again, for up to
 * {@link MIGRATION_WAIT_MS}, and then finds nothing left to do.
 */
export async function migratedDatabase(
  database: DatabaseService,
  options: { waitMs?: number; retryEveryMs?: number } = {},
): Promise<Knex> {
  const knex = await database.getClient();
  if (database.migrations?.skip) return knex;
  // Shipped in the package's `migrations` folder (listed in package.json "files").
  const directory = resolvePackagePath('backstage-plugin-luigi-backend', 'migrations');
  const deadline = Date.now() + (options.waitMs ?? MIGRATION_WAIT_MS);
  for (;;) {
    try {
      await ensureOneMigrationLockRow(knex);
      await knex.migrate.latest({ directory });
      return knex;
    } catch (error) {
      if (!isConcurrentMigration(error) || Date.now() >= deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, options.retryEveryMs ?? 500));
    }
  }
}
