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

  // Waits well inside Jest's timeout, so that a wedged lock fails with knex's own error.
  const threeReplicas = (database: ReturnType<typeof mockServices.database>) =>
    Promise.all([1, 2, 3].map(() => migratedDatabase(database, { waitMs: 20_000, retryEveryMs: 50 })));

  it.each(databases.eachSupportedId())('migrate once when three replicas start at the same moment (%s)', async databaseId => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    await threeReplicas(database);
    const applied = await knex('knex_migrations').select('name');
    expect(new Set(applied.map(row => row.name)).size).toBe(applied.length);
    expect(await knex.schema.hasTable('luigi_signing_keys')).toBe(true);
    expect(await knex('knex_migrations_lock').select('*')).toEqual([{ index: 1, is_locked: 0 }]);
  });

  // Knex gives a new lock table its row only after looking for one; replicas that looked at the same
  // moment each added a row, and knex then waited for a lock no one held, forever.
  it.each(databases.eachSupportedId())(
    'migrate a database that replicas left with two lock rows before, and keep one (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      await knex.schema.createTable('knex_migrations_lock', table => {
        table.increments('index').primary();
        table.integer('is_locked');
      });
      await knex('knex_migrations_lock').insert([{ is_locked: 0 }, { is_locked: 0 }]);
      await threeReplicas(database);
      expect(await knex.schema.hasTable('luigi_signing_keys')).toBe(true);
      expect(await knex('knex_migrations_lock').select('*')).toEqual([{ index: 1, is_locked: 0 }]);
    },
  );
});
