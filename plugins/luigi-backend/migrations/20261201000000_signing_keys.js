// @ts-check

/**
 * The keys that sign micro app tokens. Kept in the database, not in one process, so every replica
 * of the luigi backend signs with the same keys and publishes all of them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('luigi_signing_keys', table => {
    table.comment('Keys that sign micro app tokens, shared by every replica of the luigi backend');
    table.string('kid', 128).primary().notNullable().comment('Key id: the RFC 7638 thumbprint of the public key');
    table.bigInteger('created_at').notNullable().comment('When the key was created, in milliseconds since the epoch');
    table.text('public_jwk').notNullable().comment('The public key, a JSON Web Key');
    table.text('private_jwk').notNullable().comment('The private key, a JSON Web Key');
    table.index(['created_at'], 'luigi_signing_keys_created_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('luigi_signing_keys');
};
