// Access requests on the dev portal, end to end. bob, denied Orders (team-orders'), asks for it from
// the denied panel; he cannot approve his own request; alice (a member of team-orders) is notified
// through Backstage's notifications and approves on the micro apps page; bob opens Orders and its
// token verifies; the grant ends by itself and bob is denied again, his open Orders giving way to the
// denied panel at its next renewal; his
// second request is denied with a note he sees. The dev config's automatic rule grants Inventory for
// a minute without waiting, and alice ends that grant early. Every step is in the audit trail. The
// RBAC roles honour grants with the catalog module's HAS_ACCESS_GRANT rule.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { openSession } from './session.mjs';
import { auditEvents, PORTAL, visit, waitForApp } from './portal.mjs';
import { userToken } from './signInOverHttp.mjs';

let page;
openSession(opened => {
  page = opened;
});

/** alice's own browser, so that signing her in leaves bob's page and session alone. */
let alice;
let alicePage;
before(async () => {
  alice = await launchBrowser();
  alicePage = await alice.context.newPage();
});
after(() => alice?.close());

const ORDERS = 'component:default/orders';
const INVENTORY = 'component:default/inventory';

/** A user's Backstage token, signed in over HTTP once per user. */
const tokens = {};
const tokenOf = user => (tokens[user] ??= userToken(PORTAL.backendUrl, user));

/** The luigi backend's API as `user`. */
async function luigiApi(user, path, body) {
  const response = await fetch(`${PORTAL.backendUrl}/api/luigi${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${await tokenOf(user)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

/** The titles of a user's notifications, as Backstage's notifications backend answers them. */
async function notificationsOf(user) {
  const response = await fetch(`${PORTAL.backendUrl}/api/notifications/`, { headers: { authorization: `Bearer ${await tokenOf(user)}` } });
  assert.equal(response.status, 200);
  return (await response.json()).notifications.map(n => n.payload.title);
}

/** The luigi plugin's finished audit events of this id. */
const luigiEvents = eventId => auditEvents().filter(e => e.plugin === 'luigi' && e.eventId === eventId && e.status !== 'initiated');

/** What bob's deep link shows once the page settled: 'denied' or 'frame'. */
async function bobSees(hash) {
  await visit(page, `/luigi#/${hash}`, 'bob');
  const denied = page.getByTestId('luigi-access-denied');
  await denied.or(page.locator('[data-testid="luigi-container"] iframe')).first().waitFor();
  return (await denied.count()) > 0 ? 'denied' : 'frame';
}

/** Loads bob's deep link until it shows `expected`: the catalog reads the grants every 3 s. */
async function bobSeesUntil(hash, expected) {
  for (let attempt = 0; attempt < 4; attempt++) if ((await bobSees(hash)) === expected) return;
  throw new Error(`bob's ${hash} did not become ${expected}`);
}

/** Asks for access on bob's denied panel (already shown) for `duration`, with `reason`. */
async function ask(duration, reason) {
  const section = page.getByTestId('luigi-access-request');
  await section.getByTestId('luigi-access-request-duration').locator('..').click();
  await page.getByRole('option', { name: duration, exact: true }).click();
  if (reason) await section.getByTestId('luigi-access-request-reason').fill(reason);
  await section.getByTestId('luigi-access-request-ask').click();
  return section;
}

/** alice's micro apps page, with the request of bob for `app` waiting. */
async function aliceFindsRequest(app) {
  await visit(alicePage, '/luigi', 'alice');
  const item = alicePage.getByTestId('luigi-access-request-item').filter({ hasText: app });
  await item.waitFor();
  return item;
}

describe('access requests', () => {
  let requestId;

  test('bob asks the owners for Orders from the denied panel, and sees the request pending', async () => {
    assert.equal(await bobSees('orders'), 'denied');
    const section = await ask('2 minutes', 'Checking an order for a customer');
    await section.getByTestId('luigi-access-request-pending').waitFor();
    assert.match(await section.textContent(), /You asked for access for 2 minutes/);
    assert.equal(await page.locator('iframe').count(), 0, 'still no frame');

    const [asked] = luigiEvents('access-request').filter(e => e.meta?.entityRef === ORDERS);
    assert.equal(asked.status, 'succeeded');
    assert.equal(asked.actor.actorId, 'user:default/bob');
    assert.deepEqual(
      { state: asked.meta.state, minutes: asked.meta.durationMinutes, reason: asked.meta.reason, owner: asked.meta.ownerRef },
      { state: 'pending', minutes: 2, reason: 'Checking an order for a customer', owner: 'group:default/team-orders' },
    );
    requestId = asked.meta.requestId;
    // team-orders (alice) is told; bob is not told of his own request.
    assert.ok((await notificationsOf('alice')).includes(`user:default/bob asks for access to ${ORDERS}`));
    assert.ok(!(await notificationsOf('bob')).some(title => title.includes('asks for access')));
  });

  test('bob cannot approve his own request: refused and recorded, nothing granted', async () => {
    const own = await luigiApi('bob', `/access-requests/${requestId}/decision`, { decision: 'approve' });
    assert.equal(own.status, 403);
    assert.equal(own.body.error.message, 'Nobody decides their own access request');
    const refused = luigiEvents('access-request-decide').filter(e => e.status === 'failed');
    assert.deepEqual(refused.map(e => [e.actor.actorId, e.meta.reason]), [['user:default/bob', 'own-request']]);
    assert.deepEqual((await luigiApi('bob', '/access-grants/active')).body.grants, []);
  });

  test('alice, an owner, approves on the micro apps page; bob opens Orders and its token verifies', async () => {
    const item = await aliceFindsRequest('orders');
    assert.match(await item.textContent(), /Checking an order for a customer/);
    await item.getByTestId('luigi-access-request-note').fill('Just this once');
    await item.getByTestId('luigi-access-request-approve').click();
    await alicePage.getByTestId('luigi-access-grant-item').filter({ hasText: 'orders' }).waitFor();

    const [decided] = luigiEvents('access-request-decide').filter(e => e.status === 'succeeded');
    assert.equal(decided.actor.actorId, 'user:default/alice');
    assert.deepEqual([decided.meta.state, decided.meta.note], ['approved', 'Just this once']);
    assert.ok((await notificationsOf('bob')).some(title => title.startsWith(`Your access to ${ORDERS} was approved until`)));

    await bobSeesUntil('orders', 'frame');
    const frame = await waitForApp(page, 'orders');
    await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    const opened = luigiEvents('micro-app-open').filter(e => e.actor.actorId === 'user:default/bob' && e.meta?.entityRef === ORDERS);
    assert.ok(opened.some(e => e.status === 'succeeded'), "bob's token for Orders is on the record");
  });

  test('the grant ends by itself: the open Orders gives way to the denied panel at its next renewal, a new load is denied, the end is recorded', async () => {
    // bob's page still shows Orders. Its grant ends 2 minutes after the approval; the dev portal's
    // tokens live 60 s and are renewed 30 s before they expire. The refused renewal makes the page
    // decide again: the denied panel, with the request form, replaces the frame.
    const renewalRefused = page.waitForResponse(
      response => response.url().endsWith('/api/luigi/tokens') && response.status() === 403,
      { timeout: 180_000 },
    );
    await renewalRefused;
    const panel = page.getByTestId('luigi-access-denied');
    await panel.waitFor();
    assert.match(await panel.textContent(), /You may not open Orders/);
    await panel.getByTestId('luigi-access-request-approved').waitFor();
    assert.match(await panel.getByTestId('luigi-access-request').textContent(), /ended on/);
    await page.locator('[data-testid="luigi-container"] iframe').first().waitFor({ state: 'hidden' });
    assert.equal(await page.getByTestId('luigi-app-token-problem').count(), 0, 'the denied panel says it, not a token problem');

    assert.equal(await bobSees('orders'), 'denied');
    const section = page.getByTestId('luigi-access-request');
    await section.getByTestId('luigi-access-request-approved').waitFor();
    // The backend records the end within its sweep (every 30 s).
    const deadline = Date.now() + 45_000;
    while (!luigiEvents('access-grant-expire').some(e => e.meta?.entityRef === ORDERS) && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 1000));
    }
    const [ended] = luigiEvents('access-grant-expire').filter(e => e.meta?.entityRef === ORDERS);
    assert.equal(ended?.meta.user, 'user:default/bob');
  });

  test("bob's second request is denied by alice with a note bob sees", async () => {
    await ask('2 minutes', 'Once more, please');
    await page.getByTestId('luigi-access-request-pending').waitFor();
    const item = await aliceFindsRequest('orders');
    await item.getByTestId('luigi-access-request-note').fill('Ask your lead to add you to team-orders');
    await item.getByTestId('luigi-access-request-deny').click();
    await item.waitFor({ state: 'detached' });

    assert.equal(await bobSees('orders'), 'denied');
    const denied = page.getByTestId('luigi-access-request-denied');
    await denied.waitFor();
    assert.equal(await denied.textContent(), 'Denied by user:default/alice: Ask your lead to add you to team-orders');
    assert.ok((await notificationsOf('bob')).includes(`Your access request for ${ORDERS} was denied`));
  });

  test('the automatic rule grants Inventory for a minute without waiting, recorded as such; alice ends it early', async () => {
    assert.equal(await bobSees('inventory'), 'denied');
    const section = await ask('1 minute');
    await section.getByTestId('luigi-access-request-approved').waitFor();
    assert.match(await section.textContent(), /Approved by automatic:billing-peeks-at-orders until/);
    const [automatic] = luigiEvents('access-request').filter(e => e.meta?.entityRef === INVENTORY);
    assert.deepEqual([automatic.meta.state, automatic.meta.automatic], ['approved', 'billing-peeks-at-orders']);
    await bobSeesUntil('inventory', 'frame');
    await waitForApp(page, 'inventory');

    await visit(alicePage, '/luigi', 'alice');
    const grant = alicePage.getByTestId('luigi-access-grant-item').filter({ hasText: 'inventory' });
    await grant.getByTestId('luigi-access-grant-revoke').click();
    await grant.waitFor({ state: 'detached' });
    const [revoked] = luigiEvents('access-grant-revoke');
    assert.deepEqual([revoked.status, revoked.actor.actorId, revoked.meta.user], ['succeeded', 'user:default/alice', 'user:default/bob']);
    await bobSeesUntil('inventory', 'denied');
  });
});

