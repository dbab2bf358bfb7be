// Jest global teardown of the "common and backend" project: stops the PostgreSQL that
// jestPostgresSetup.js started (none when a connection string was given from outside).
module.exports = async function stopTestPostgres() {
  await globalThis.__luigiTestPostgres?.stop();
  globalThis.__luigiTestPostgres = undefined;
};
