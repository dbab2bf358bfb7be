// @ts-check

/**
 * No private key at rest in plain text: the private halves of the signing keys are stored encrypted
 * (with `luigi.tokens.keyEncryptionSecret`) in `private_jwe`, and the plain `private_jwk` is removed.
 * Existing keys keep their public half, so the tokens they signed still verify; they never sign again
 * (the backend replaces them at once).
 *
 * And one successor per key: `succeeds_kid` names the key a new key replaces ('' for the very first),
 * unique, so replicas rotating at the same moment add one key between them; the others' inserts
 * fail and they read the winner's.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('luigi_signing_keys', table => {
    table
      .text('private_jwe')
      .nullable()
      .comment('The private key, a JSON Web Key encrypted as a compact JWE bound to kid; null for keys stored before');
    table
      .string('succeeds_kid', 128)
      .nullable()
      .unique({ indexName: 'luigi_signing_keys_succeeds_kid_idx' })
      .comment("The key this one replaces, '' for the first key; null for keys stored before");
  });
  // Overwritten first: PostgreSQL keeps a dropped column's values in each row until the row is rewritten.
  await knex('luigi_signing_keys').update({ private_jwk: '' });
  await knex.schema.alterTable('luigi_signing_keys', table => {
    table.dropColumn('private_jwk');
  });
};

/**
 * The plain private keys cannot be restored: the keys are deleted, so the earlier version creates a new
 * one (tokens they signed stop verifying).
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('luigi_signing_keys').delete();
  await knex.schema.alterTable('luigi_signing_keys', table => {
    table.dropUnique(['succeeds_kid'], 'luigi_signing_keys_succeeds_kid_idx');
  });
  await knex.schema.alterTable('luigi_signing_keys', table => {
    table.dropColumn('succeeds_kid');
    table.dropColumn('private_jwe');
  });
  await knex.schema.alterTable('luigi_signing_keys', table => {
    table.text('private_jwk').notNullable().comment('The private key, a JSON Web Key');
  });
};
