// A registrant's claims: bob (team-billing) may register catalog entities, so he registers two of
// another team's sample apps under his own entities (dev/catalog/unregistered/bobs-claims.yaml):
// bobs-orders with Orders' token audience, and bobs-shipments in commerce with the logistics
// tenant and Shipments' audience. Had the luigi backend issued him tokens for them, Orders' and
// Shipments' own checks would accept them as their own. It issues none: the token route refuses
// both with the reason, the entity pages and the plugin's page say why, and nothing of them is
// framed. bob's own Billing app works as before. The test removes the registration at the end, so
// that the files after it see the dev catalog as it was.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { openSession } from './session.mjs';
import { PORTAL, auditEvents, visit, waitForApp, writeGrants } from './portal.mjs';

const CATALOG_FILE = `${PORTAL.trustedOrigin}/repository/bobs-claims.yaml`;
const BOBS_ORDERS = 'component:default/bobs-orders';
const BOBS_SHIPMENTS = 'component:default/bobs-shipments';
const BOB = 'user:default/bob';

/** Why the luigi backend issues no token for each of bob's entities (both halves say the same). */
const ORDERS_AUDIENCE_CLAIM =
  /luigi-project\.io\/token-audience: the token audience "component:default\/orders" belongs to component:default\/orders/;
const SHIPMENTS_AUDIENCE_CLAIM =
  /luigi-project\.io\/token-audience: the token audience "component:logistics\/shipments" belongs to component:logistics\/shipments/;
const SHIPMENTS_TENANT_CLAIM =
  /luigi-project\.io\/tenant: the annotation names tenant "logistics", but namespace default is in tenant commerce/;

/** The subject of a Backstage token. */
function subjectOf(credentials) {
  try {
    return JSON.parse(Buffer.from(credentials.split('.')[1], 'base64url').toString()).sub;
  } catch {
    return undefined;
  }
}

/** The Backstage credentials (`Bearer …`) the app sent its backend with, latest last. */
const sentCredentials = [];
/** bob's credentials, once he signed in (for the clean-up too). */
let bobsCredentials;

let page;
openSession(opened => {
  page = opened;
  // What the app sends its backend, as it sends it: the signed-in user's Backstage token.
  page.on('request', async request => {
    if (!request.url().startsWith(`${PORTAL.backendUrl}/api/`)) return;
    const { authorization } = await request.allHeaders().catch(() => ({}));
    if (authorization?.startsWith('Bearer ')) sentCredentials.push(authorization);
  });
});

/** Signs `user` in at `path` and returns the credentials the app then sends its backend. */
async function signIn(path, user) {
  sentCredentials.length = 0;
  await visit(page, path, user);
  const deadline = Date.now() + 30_000;
  let credentials;
  while (!(credentials = sentCredentials.findLast(sent => subjectOf(sent) === `user:default/${user}`))) {
    assert.ok(Date.now() < deadline, `the app called its backend with ${user}'s credentials within 30 s`);
    await page.waitForTimeout(200);
  }
  return credentials;
}

/** Asks the backend from Node, with `credentials` (the catalog's API; bookkeeping of the test). */
function backend(method, path, credentials) {
  return fetch(`${PORTAL.backendUrl}/api${path}`, {
    method,
    headers: { authorization: credentials },
    signal: AbortSignal.timeout(10_000),
  });
}

/**
 * `POST /api/luigi/tokens` from the portal page, with the user's own Backstage credentials, as the
 * app asks it (cross-origin, from the portal's origin).
 */
function requestToken(credentials, body) {
  return page.evaluate(
    async ({ url, authorization, body: sent }) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(sent),
      });
      const text = await response.text();
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, body: json ?? text };
    },
    { url: `${PORTAL.backendUrl}/api/luigi/tokens`, authorization: credentials, body },
  );
}

/**
 * The check the sample app `app` applies to a token it is handed (dev/microApps/verify.js), with the
 * issuer, audience, keys and tenant its own page names: resolves to the claims when the app accepts
 * the token as its own, rejects with the app's reason otherwise.
 */
async function acceptedBy(app, token) {
  const html = await (await fetch(`${PORTAL.trustedOrigin}/apps/${app}/`)).text();
  const data = name => new RegExp(`data-${name}="([^"]*)"`).exec(html)[1];
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(data('jwks-uri'))), {
    issuer: data('issuer'),
    audience: data('audience'),
    algorithms: data('algorithms').split(','),
    requiredClaims: ['exp'],
  });
  if (payload.tenant !== undefined && payload.tenant !== data('tenant')) {
    throw new Error(`tenant: the token is for tenant ${payload.tenant}, ${app} serves ${data('tenant')}`);
  }
  return payload;
}

/**
 * Asserts that the token route refused bob a token for `entityRef`. Should a token come back, the
 * failure says whether `target`, the app bob's entity points at, accepts it as its own: the harm.
 */
async function assertRefused(answer, entityRef, target) {
  const token = answer.body?.token;
  if (token !== undefined) {
    const verdict = await acceptedBy(target, token).then(
      claims => `and ${target} accepts it as its own (aud ${JSON.stringify(claims.aud)}, tenant ${claims.tenant}, sub ${claims.sub})`,
      error => `(${target} refuses it: ${error.message})`,
    );
    assert.fail(`the luigi backend issued ${BOB} a token for ${entityRef} (HTTP ${answer.status}) ${verdict}`);
  }
  assert.equal(answer.status, 403, JSON.stringify(answer.body));
  return answer.body?.error?.message ?? '';
}

/** The audit trail's record of a refused token request for `entityRef` that named no tenant. */
async function recordedRefusal(entityRef) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const event = auditEvents().find(
      e =>
        e.plugin === 'luigi' &&
        e.eventId === 'micro-app-open' &&
        e.status === 'failed' &&
        e.meta?.entityRef === entityRef &&
        e.meta?.tenant === undefined,
    );
    if (event) return event;
    assert.ok(Date.now() < deadline, `the audit log records the refused token request for ${entityRef}`);
    await page.waitForTimeout(250);
  }
}

/** The processing errors panel's text on the entity page of `name` (namespace default). */
async function processingErrors(name, expected) {
  await visit(page, `/catalog/default/component/${name}`, 'bob');
  const problem = page.getByText(expected);
  const deadline = Date.now() + 30_000;
  while (!(await problem.first().isVisible())) {
    assert.ok(Date.now() < deadline, `the entity page of ${name} shows ${expected} within 30 s`);
    await page.waitForTimeout(1000);
  }
  return (await page.getByText(/Micro frontend (not shown|gets no token):/).allTextContents()).join('\n');
}

/** Expands the page's problems panel and returns the text of its items about `entityRef`. */
async function listedProblems(entityRef) {
  const diagnostics = page.getByTestId('luigi-diagnostics');
  await diagnostics.waitFor();
  await diagnostics.getByRole('button').first().click();
  const items = await page.getByTestId('luigi-rejected').allTextContents();
  return items.filter(text => text.includes(`(${entityRef})`));
}

/** The bob's-claims location in the catalog, if it is (still) registered. */
async function claimsLocation(credentials) {
  const response = await backend('GET', '/catalog/locations', credentials);
  assert.equal(response.status, 200);
  return (await response.json()).map(entry => entry.data).find(location => location.target === CATALOG_FILE);
}

async function exists(entityRef, credentials) {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  const response = await backend('GET', `/catalog/entities/by-name/${kind}/${namespace}/${name}`, credentials);
  return response.status === 200;
}

/** Unregisters bob's file again (as bob, who registered it) and waits until its entities are gone. */
async function unregister(credentials) {
  const location = await claimsLocation(credentials);
  if (location === undefined) return;
  const response = await backend('DELETE', `/catalog/locations/${encodeURIComponent(location.id)}`, credentials);
  assert.equal(response.status, 204);
  const deadline = Date.now() + 30_000;
  while ((await exists(BOBS_ORDERS, credentials)) || (await exists(BOBS_SHIPMENTS, credentials))) {
    assert.ok(Date.now() < deadline, "bob's entities leave the catalog within 30 s of unregistering");
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

// Whatever failed, the files after this one must not meet bob's entities.
after(async () => {
  await writeGrants([]);
  if (bobsCredentials !== undefined) await unregister(bobsCredentials);
});

describe("a registrant's claims", () => {
  test("bob registers entities claiming other apps' token audience and tenant on the import page", async () => {
    bobsCredentials = await signIn('/catalog-import', 'bob');
    await page.getByRole('textbox', { name: /url/i }).fill(CATALOG_FILE);
    await page.getByRole('button', { name: /analyze/i }).click();
    await page.getByRole('button', { name: /^import$/i }).click();
    await page.getByRole('button', { name: 'View Component' }).waitFor();
    // The catalog processes a new location within seconds; until then its entities do not exist.
    const deadline = Date.now() + 30_000;
    while (!(await exists(BOBS_ORDERS, bobsCredentials)) || !(await exists(BOBS_SHIPMENTS, bobsCredentials))) {
      assert.ok(Date.now() < deadline, "bob's entities are in the catalog within 30 s");
      await page.waitForTimeout(1000);
    }
  });

  test('the token route issues bob no token for them, and says why', async () => {
    const bob = await signIn('/luigi', 'bob');
    // bob's own app: his credentials get its token, which Billing accepts.
    const billing = await requestToken(bob, { entityRef: 'component:default/billing' });
    assert.equal(billing.status, 200, JSON.stringify(billing.body));
    assert.equal((await acceptedBy('billing', billing.body.token)).sub, BOB);

    // bobs-orders: a token for it would carry Orders' audience, which Orders accepts.
    const orders = await requestToken(bob, { entityRef: BOBS_ORDERS });
    const ordersReason = await assertRefused(orders, BOBS_ORDERS, 'orders');
    assert.match(ordersReason, new RegExp(`${BOBS_ORDERS} gets no token: ${ORDERS_AUDIENCE_CLAIM.source}`));

    // bobs-shipments: Shipments' audience in the logistics tenant, asked in the page's tenant or in logistics.
    const shipments = await requestToken(bob, { entityRef: BOBS_SHIPMENTS });
    const shipmentsReason = await assertRefused(shipments, BOBS_SHIPMENTS, 'shipments');
    assert.match(shipmentsReason, new RegExp(`${BOBS_SHIPMENTS} gets no token: `));
    assert.match(shipmentsReason, SHIPMENTS_AUDIENCE_CLAIM);
    assert.match(shipmentsReason, SHIPMENTS_TENANT_CLAIM);
    await assertRefused(await requestToken(bob, { entityRef: BOBS_SHIPMENTS, tenant: 'logistics' }), BOBS_SHIPMENTS, 'shipments');
    // Each attempt is on the audit trail, with bob as the actor and why it was refused.
    for (const entityRef of [BOBS_ORDERS, BOBS_SHIPMENTS]) {
      const recorded = await recordedRefusal(entityRef);
      assert.equal(recorded.actor?.actorId, BOB);
      assert.equal(recorded.meta.reason, 'invalid-audience');
    }

    // Not even once the policy lets bob into logistics: the annotation moves no entity there.
    await writeGrants([], [{ principal: BOB, tenants: ['logistics'] }]);
    try {
      for (const tenant of [undefined, 'commerce', 'logistics']) {
        const answer = await requestToken(bob, { entityRef: BOBS_SHIPMENTS, ...(tenant ? { tenant } : {}) });
        await assertRefused(answer, BOBS_SHIPMENTS, 'shipments');
      }
    } finally {
      await writeGrants([]);
    }
  });

  test('the entity pages say why, and their tab frames nothing', async () => {
    const onOrders = await processingErrors('bobs-orders', /Micro frontend gets no token: luigi-project\.io\/token-audience:/);
    assert.match(onOrders, new RegExp(`Micro frontend gets no token: ${ORDERS_AUDIENCE_CLAIM.source}`));

    const onShipments = await processingErrors('bobs-shipments', /Micro frontend not shown: luigi-project\.io\/tenant:/);
    assert.match(onShipments, new RegExp(`Micro frontend not shown: ${SHIPMENTS_TENANT_CLAIM.source}`));
    assert.match(onShipments, new RegExp(`Micro frontend gets no token: ${SHIPMENTS_AUDIENCE_CLAIM.source}`));

    // The plugin's own tab explains itself rather than framing Shipments.
    await page.getByRole('tab', { name: 'Micro frontend' }).click();
    await page.getByText('No micro frontend to show').waitFor();
    await page.getByTestId('luigi-diagnostics').getByRole('button').first().click();
    const listed = await page.getByTestId('luigi-rejected').allTextContents();
    assert.ok(listed.some(text => SHIPMENTS_TENANT_CLAIM.test(text)), listed.join('\n'));
    assert.equal(await page.locator('iframe').count(), 0);
  });

  test("the plugin's page lists each with its reason and frames neither; bob's Billing still opens", async () => {
    const framed = [];
    const onFrame = frame => framed.push(frame.url());
    page.on('framenavigated', onFrame);
    try {
      await signIn('/luigi', 'bob');
      await page.getByTestId('luigi-nav-billing').waitFor();
      const onOrders = await listedProblems(BOBS_ORDERS);
      assert.equal(onOrders.length, 1, onOrders.join('\n'));
      assert.match(onOrders[0], new RegExp(`gets no token: ${ORDERS_AUDIENCE_CLAIM.source}`));
      const onShipments = await listedProblems(BOBS_SHIPMENTS);
      assert.equal(onShipments.length, 2, onShipments.join('\n'));
      assert.ok(onShipments.some(text => new RegExp(`gets no token: ${SHIPMENTS_AUDIENCE_CLAIM.source}`).test(text)), onShipments.join('\n'));
      assert.ok(onShipments.some(text => new RegExp(`gets no token: ${SHIPMENTS_TENANT_CLAIM.source}`).test(text)), onShipments.join('\n'));
      assert.equal(await page.getByTestId('luigi-nav-bobs-orders').count(), 0);
      assert.equal(await page.getByTestId('luigi-nav-bobs-shipments').count(), 0);

      // bob's own app opens, with a token Billing accepts.
      await page.getByTestId('luigi-nav-billing').click();
      const billing = await waitForApp(page, 'billing');
      await billing.locator('#verify-status', { hasText: /^verified$/ }).waitFor();

      // Nor can a link open them.
      for (const name of ['bobs-orders', 'bobs-shipments']) {
        await visit(page, `/luigi#/${name}`, 'bob');
        await page.getByText('No micro app at this address').waitFor();
        await page.waitForTimeout(1000);
        assert.equal(await page.locator('iframe').count(), 0, `no frame at /luigi#/${name}`);
      }
    } finally {
      page.off('framenavigated', onFrame);
    }
    const appsOf = prefix => framed.filter(url => url.startsWith(`${PORTAL.trustedOrigin}${prefix}`));
    assert.deepEqual([...appsOf('/apps/orders/'), ...appsOf('/apps/shipments/')], [], 'neither Orders nor Shipments was framed');
    assert.ok(appsOf('/apps/billing/').length > 0, 'Billing was framed');
  });

  test('bob unregisters the file, and his entities leave the catalog', async () => {
    await unregister(bobsCredentials);
    assert.equal(await claimsLocation(bobsCredentials), undefined);
  });
});
