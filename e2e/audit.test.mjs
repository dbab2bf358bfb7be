// The audit trail: a scripted sequence of portal users' actions (open, switch tenant, refresh,
// refused tenant, refused app) leaves exactly the expected events in the dev backend's audit log,
// with the actor from the request's credentials, and not one token or fragment of one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { auditEvents, clearAuditEvents, visit, waitForApp } from './portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

async function tokenIn(frame) {
  return (await frame.locator('#token').textContent()).trim();
}

/** The finished (succeeded or failed) luigi events of the audit log, oldest first. */
function finished() {
  return auditEvents().filter(event => event.plugin === 'luigi' && event.status !== 'initiated');
}

function find(predicate, what) {
  const event = finished().find(predicate);
  assert.ok(event, `the audit log holds ${what}; it holds ${JSON.stringify(finished().map(e => [e.eventId, e.status, e.actor?.actorId, e.meta]))}`);
  return event;
}

/** Polls until the audit log holds an event matching `predicate`. */
async function waitForEvent(predicate, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!finished().some(predicate) && Date.now() < deadline) await page.waitForTimeout(250);
  return find(predicate, what);
}

describe('the audit trail', () => {
  test('opening, switching tenants, a refresh and refusals are recorded, without a token', async () => {
    clearAuditEvents();
    const tokens = new Set();

    // alice opens Orders in commerce.
    await visit(page, '/luigi#/orders', 'alice');
    const orders = await waitForApp(page, 'orders');
    await orders.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    tokens.add(await tokenIn(orders));
    const alice = 'user:default/alice';
    await waitForEvent(
      e => e.eventId === 'tenant-enter' && e.status === 'succeeded' && e.actor.actorId === alice && e.meta.tenant === 'commerce',
      "alice entering commerce",
    );
    const open = await waitForEvent(
      e => e.eventId === 'micro-app-open' && e.status === 'succeeded' && e.meta.entityRef === 'component:default/orders',
      'the open of Orders',
    );
    assert.equal(open.actor.actorId, alice);
    assert.equal(open.meta.tenant, 'commerce');
    assert.equal(open.severityLevel, 'medium');

    // She switches to logistics and opens Shipments.
    await page.getByTestId('luigi-tenant-switcher').selectOption({ label: 'Logistics' });
    await page.getByTestId('luigi-nav-component~logistics~shipments').click();
    const shipments = await waitForApp(page, 'shipments');
    await shipments.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    tokens.add(await tokenIn(shipments));
    const switched = await waitForEvent(
      e => e.eventId === 'tenant-enter' && e.status === 'succeeded' && e.meta.tenant === 'logistics',
      'the switch to logistics',
    );
    assert.equal(switched.actor.actorId, alice);
    assert.equal(switched.meta.from, 'commerce');
    await waitForEvent(
      e => e.eventId === 'micro-app-open' && e.status === 'succeeded' && e.meta.entityRef === 'component:logistics/shipments' && e.meta.tenant === 'logistics',
      'the open of Shipments',
    );

    // Dev tokens live a minute and are renewed 30 s before they expire.
    const refresh = await waitForEvent(
      e => e.eventId === 'token-refresh' && e.status === 'succeeded' && e.meta.entityRef === 'component:logistics/shipments',
      'the renewal of the Shipments token',
      75_000,
    );
    assert.equal(refresh.actor.actorId, alice);
    // The client chooses the purpose, not how much its token matters: a renewal is as severe as an opening.
    assert.equal(refresh.severityLevel, 'medium');
    await shipments.locator('#verified-count', { hasText: '2' }).waitFor();
    tokens.add(await tokenIn(shipments));
    // Orders' token, issued before the switch, would have been renewed before Shipments' was: the
    // switch dropped it with its frame, so it never was.
    assert.ok(
      !finished().some(e => e.eventId === 'token-refresh' && e.meta.entityRef === 'component:default/orders'),
      'no renewal of a token of the tenant left',
    );

    // bob follows a link into logistics, which he may not enter, then opens Orders, which he may not open.
    await visit(page, '/luigi?tenant=logistics#/component~logistics~shipments', 'bob');
    await page.getByTestId('luigi-tenant-denied').waitFor();
    const refused = await waitForEvent(
      e => e.eventId === 'tenant-enter' && e.status === 'failed' && e.actor.actorId === 'user:default/bob',
      "bob's refused entry into logistics",
    );
    assert.equal(refused.meta.tenant, 'logistics');
    assert.equal(refused.severityLevel, 'medium');
    await visit(page, '/luigi#/orders', 'bob');
    await page.getByTestId('luigi-access-denied').waitFor();
    const decided = await waitForEvent(
      e => e.eventId === 'access-decide' && e.actor.actorId === 'user:default/bob' &&
        JSON.stringify(e.meta).includes('component:default/orders'),
      "bob's decisions, Orders refused",
    );
    assert.equal(decided.meta.tenant, 'commerce');

    // Not one token, nor any 16 characters of one, in the whole log.
    const log = JSON.stringify(auditEvents());
    assert.equal(tokens.size, 3);
    for (const token of tokens) {
      for (let i = 0; i + 16 <= token.length; i += 8) {
        assert.ok(!log.includes(token.slice(i, i + 16)), 'no fragment of a token in the audit log');
      }
    }
  });
});
