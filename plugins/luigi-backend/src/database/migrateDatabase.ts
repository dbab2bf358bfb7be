import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/**
 * The plugin's database client, with its tables migrated to the latest version, unless the
 * deployment skips migrations (`backend.database.…migrations.skip`, e.g. on a read-only connection).
 */
export async function migratedDatabase(database: DatabaseService): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    // Shipped in the package's `migrations` folder (listed in package.json "files").
    const directory = resolvePackagePath('backstage-plugin-luigi-backend', 'migrations');
    await knex.migrate.latest({ directory });
  }
  return knex;
}
