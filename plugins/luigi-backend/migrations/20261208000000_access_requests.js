// @ts-check

/**
 * Access requests and the time-bound grants their approval makes. In the database, not in one
 * process, so that every replica sees the same requests, decisions and grants.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('luigi_access_requests', table => {
    table.comment('Requests for access to one micro app, by one user, and their decisions');
    table.string('id', 36).primary().notNullable().comment('A random UUID');
    table.string('user_ref', 255).notNullable().comment('The user asking, an entity ref');
    table.string('entity_ref', 255).notNullable().comment('The micro app entity asked for');
    table.string('owner_ref', 255).notNullable().comment("The entity's owner when asked: its members decide");
    table.string('state', 16).notNullable().comment('pending, approved or denied');
    // Set while pending, null after: unique, so one user has one open request per app across replicas.
    table.string('open_key', 520).nullable().unique().comment('user_ref and entity_ref while pending, else null');
    table.integer('duration_minutes').notNullable().comment('How long an approval grants access, in minutes');
    table.text('reason').nullable().comment("The requester's reason");
    table.bigInteger('created_at').notNullable().comment('Milliseconds since the epoch');
    table.string('decided_by', 255).nullable().comment('The approver or denier, or automatic:<rule>');
    table.bigInteger('decided_at').nullable().comment('Milliseconds since the epoch');
    table.text('decision_note').nullable().comment("The decider's note");
    table.index(['user_ref', 'entity_ref', 'created_at'], 'luigi_access_requests_user_entity_idx');
    table.index(['state', 'owner_ref'], 'luigi_access_requests_state_owner_idx');
  });
  await knex.schema.createTable('luigi_access_grants', table => {
    table.comment('Time-bound grants of access to one micro app for one user, made by an approval');
    table.string('id', 36).primary().notNullable().comment('A random UUID');
    table.string('request_id', 36).notNullable().unique().comment('The request whose approval made it');
    table.string('user_ref', 255).notNullable().comment('The user granted access');
    table.string('entity_ref', 255).notNullable().comment('The micro app entity');
    table.string('granted_by', 255).notNullable().comment('The approver, or automatic:<rule>');
    table.bigInteger('granted_at').notNullable().comment('Milliseconds since the epoch');
    table.bigInteger('expires_at').notNullable().comment('Milliseconds since the epoch: ends by itself then');
    table.string('revoked_by', 255).nullable().comment('Who ended it early');
    table.bigInteger('revoked_at').nullable().comment('Milliseconds since the epoch');
    table.boolean('expiry_recorded').notNullable().defaultTo(false).comment('Whether its expiry is in the audit trail');
    table.index(['user_ref', 'expires_at'], 'luigi_access_grants_user_expires_idx');
    table.index(['expiry_recorded', 'expires_at'], 'luigi_access_grants_expiry_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('luigi_access_grants');
  await knex.schema.dropTable('luigi_access_requests');
};
