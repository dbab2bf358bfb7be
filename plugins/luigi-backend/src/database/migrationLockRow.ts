import { Knex } from 'knex';

/** Knex's lock table for the default migrations table, `knex_migrations`. */
const LOCK_TABLE = 'knex_migrations_lock';
/** The one row knex's lock lives in. */
const LOCK_ROW_INDEX = 1;

/**
 * Makes sure knex's migration lock table holds exactly one row before knex looks at it.
 *
 * Knex creates the lock table and adds its row only when it finds none, so replicas that look at
 * the same moment each add one. Knex then takes the lock by flipping exactly one row, finds two,
 * and refuses forever, as if another replica held it. Here the row has a fixed index and is added
 * only if absent, so concurrent replicas agree on one; rows an earlier start left beside it are
 * removed, which heals a database already wedged this way. Creating the table can still collide
 * with another replica doing the same; the caller retries that like any concurrent migration.
 */
export async function ensureOneMigrationLockRow(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable(LOCK_TABLE))) {
    // The same shape knex gives the table, so knex finds nothing to change.
    await knex.schema.createTable(LOCK_TABLE, table => {
      table.increments('index').primary();
      table.integer('is_locked');
    });
  }
  await knex(LOCK_TABLE).insert({ index: LOCK_ROW_INDEX, is_locked: 0 }).onConflict('index').ignore();
  await knex(LOCK_TABLE).whereNot('index', LOCK_ROW_INDEX).delete();
}
