import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migratedDatabase } from './migrateDatabase';

jest.setTimeout(60_000);

/** Knex's lock table as another replica leaves it while it migrates: created, and locked. */
async function holdMigrationLock(knex: Knex) {
  await knex.schema.createTable('knex_migrations_lock', table => {
    table.increments('index').primary();
    table.integer('is_locked');
  });
  await knex('knex_migrations_lock').insert({ is_locked: 1 });
}

describe('migrations of replicas started together', () => {
  // PostgreSQL too: the jest global setup starts one (scripts/jestPostgresSetup.js).
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] });

  it.each(databases.eachSupportedId())(
    'wait for the replica holding the migration lock, then find the tables in place (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      await holdMigrationLock(knex);
      let released = false;
      const release = setTimeout(async () => {
        released = true;
        await knex('knex_migrations_lock').update({ is_locked: 0 });
      }, 1_500);
      try {
        const migrated = await migratedDatabase(database, { retryEveryMs: 100 });
        expect(released).toBe(true);
        expect(await migrated.schema.hasTable('luigi_signing_keys')).toBe(true);
      } finally {
        clearTimeout(release);
      }
    },
  );

  it.each(databases.eachSupportedId())('give up with knex’s error when the lock is never released (%s)', async databaseId => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    await holdMigrationLock(knex);
    await expect(migratedDatabase(database, { waitMs: 600, retryEveryMs: 100 })).rejects.toThrow(
      'Migration table is already locked',
    );
    expect(await knex.schema.hasTable('luigi_signing_keys')).toBe(false);
  });

  it.each(databases.eachSupportedId())('migrate once when three replicas start at the same moment (%s)', async databaseId => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    await Promise.all([1, 2, 3].map(() => migratedDatabase(database, { retryEveryMs: 50 })));
    const applied = await knex('knex_migrations').select('name');
    expect(new Set(applied.map(row => row.name)).size).toBe(applied.length);
    expect(await knex.schema.hasTable('luigi_signing_keys')).toBe(true);
  });
});
