// Micro app teams onboard themselves: alice creates a micro app from the portal's Software Template
// (templates/luigi-micro-app) on the Create page. The run checks the registration
// (luigi:registration:validate), publishes the app to the sample server (the dev portal's stand-in
// for a git host, which then runs the generated server's own code) and registers it; the app
// appears in the micro apps navigation, and its page shows what its server verified of its token:
// its own audience, alice, her tenant. A second run with a view URL outside luigi.allowedOrigins
// stops at the check with the reason, and nothing is published or registered. The test unregisters
// what it registered, so that the files after it see the dev catalog as it was.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, microApp, navApps, visit } from './portal.mjs';
import { userToken } from './signInOverHttp.mjs';

// Names of their own per run: the catalog may still hold an earlier run's entity being deleted.
const RUN = Date.now().toString(36);
const CREATED = `onboarded-${RUN}`;
const REFUSED = `refused-${RUN}`;
const refOf = name => `component:default/${name}`;
const scaffoldedUrl = name => `${PORTAL.trustedOrigin}/scaffolded/${name}/`;

let page;
openSession(opened => {
  page = opened;
});

const credentials = {};
/** A user's Backstage credentials for the backend's APIs. */
async function bearer(user) {
  credentials[user] ??= `Bearer ${await userToken(PORTAL.backendUrl, user)}`;
  return credentials[user];
}
/** alice's Backstage credentials for the catalog's API (the test's bookkeeping, not the behaviour). */
const alice = () => bearer('alice');

/** The id of alice's first run, read from its page's address. */
let createdTaskId;

async function catalog(method, path) {
  return fetch(`${PORTAL.backendUrl}/api/catalog${path}`, {
    method,
    headers: { authorization: await alice() },
    signal: AbortSignal.timeout(10_000),
  });
}

const inCatalog = async name => (await catalog('GET', `/entities/by-name/component/default/${name}`)).status === 200;

/** The catalog location the template registered for `name`, if any. */
async function locationOf(name) {
  const response = await catalog('GET', '/locations');
  assert.equal(response.status, 200);
  const target = `${scaffoldedUrl(name)}catalog-info.yaml`;
  return (await response.json()).map(entry => entry.data).find(location => location.target === target);
}

/** Runs the template on the Create page as alice, with `name` served at `viewUrl`. */
async function runTemplate(name, viewUrl) {
  await visit(page, '/home', 'alice');
  await page.getByRole('link', { name: 'Create' }).click();
  const card = page.locator('article, [class*="MuiCard-root"]').filter({ hasText: 'Luigi micro app' });
  await card.getByRole('button', { name: /choose/i }).click();
  await page.locator('#root_name').fill(name);
  await page.locator('#root_title').fill(`Onboarded ${RUN}`);
  await page.locator('#root_owner').fill('team-orders');
  await page.getByRole('option', { name: 'team-orders' }).click();
  await page.locator('button', { hasText: /^Next$/ }).click();
  await page.locator('#root_viewUrl').fill(viewUrl);
  await page.locator('button', { hasText: /^Next$/ }).click();
  // The portal's page keeps the dev portal's defaults: issuer and tenant commerce.
  await page.locator('#root_issuer').waitFor();
  await page.locator('button', { hasText: /^Review$/ }).click();
  await page.locator('button', { hasText: /^Create$/ }).click();
  await page.waitForURL(/\/create\/tasks\//);
}

/**
 * Waits until the run's page (its error panel, steps and log, which it shows by itself on a failure
 * and renders a little later) says each of `expected`; returns its text. Links in the text are read
 * without the "opens in a new window" note they carry.
 */
async function runPageSays(...expected) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const show = page.locator('button', { hasText: /^Show Logs$/i });
    if (await show.isVisible()) await show.click();
    const text = (await page.locator('main').innerText()).replace(/\n, Opens in a new window\n/g, '');
    const missing = expected.filter(part => !text.includes(part));
    if (missing.length === 0) return text;
    assert.ok(Date.now() < deadline, `the run's page says ${missing.join(' and ')}; it says:\n${text}`);
    await page.waitForTimeout(500);
  }
}

// Whatever failed, the files after this one must not meet the test's entities.
after(async () => {
  for (const name of [CREATED, REFUSED]) {
    const location = await locationOf(name).catch(() => undefined);
    if (location === undefined) continue;
    assert.equal((await catalog('DELETE', `/locations/${encodeURIComponent(location.id)}`)).status, 204);
    const deadline = Date.now() + 30_000;
    while (await inCatalog(name)) {
      assert.ok(Date.now() < deadline, `${name} leaves the catalog within 30 s of unregistering`);
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
});

describe('creating a micro app from the template', () => {
  test('alice runs it: the registration is checked, published and registered, and the app verifies its own token', async () => {
    await runTemplate(CREATED, scaffoldedUrl(CREATED));
    createdTaskId = page.url().match(/\/create\/tasks\/([^/?#]+)/)[1];
    // Output links show once every step has finished.
    await page.getByRole('link', { name: 'Open in the catalog' }).waitFor({ timeout: 60_000 });
    await runPageSays(
      `${refOf(CREATED)}: the portal accepts the registration`,
      `Registering ${scaffoldedUrl(CREATED)}catalog-info.yaml`,
    );
    assert.ok(await locationOf(CREATED), 'the catalog has the location the template registered');

    // The micro apps page lists the app once the catalog has processed it.
    const deadline = Date.now() + 90_000;
    await visit(page, '/luigi', 'alice');
    while (!(await navApps(page)).includes(CREATED)) {
      assert.ok(Date.now() < deadline, `${CREATED} is in alice's micro apps navigation within 90 s`);
      await page.waitForTimeout(2000);
      await page.reload();
    }
    await page.getByTestId(`luigi-nav-${CREATED}`).click();
    const frame = microApp(page);
    // The generated page, served by the generated server, which verified the token it was sent.
    await frame.locator('#verify-status', { hasText: 'verified' }).waitFor({ timeout: 30_000 });
    // What the portal's context says, shown by the page, and what the server read from the token.
    assert.equal(JSON.parse(await frame.locator('#context').textContent()).user.userEntityRef, 'user:default/alice');
    const verified = JSON.parse(await frame.locator('#verified').textContent());
    assert.equal(verified.audience, refOf(CREATED));
    assert.equal(verified.user, 'user:default/alice');
    assert.equal(verified.tenant, 'commerce');
    assert.ok(verified.ownership.includes('group:default/team-orders'));
  });

  test("another team's member cannot read alice's run, its parameters or its log", async () => {
    assert.ok(createdTaskId, "alice's run started");
    const task = async user =>
      fetch(`${PORTAL.backendUrl}/api/scaffolder/v2/tasks/${encodeURIComponent(createdTaskId)}`, {
        headers: { authorization: await bearer(user) },
        signal: AbortSignal.timeout(10_000),
      });
    const own = await task('alice');
    assert.equal(own.status, 200);
    assert.equal((await own.json()).spec.parameters.name, CREATED);
    const other = await task('bob');
    assert.ok([403, 404].includes(other.status), `bob reads alice's run: ${other.status}`);
    const events = await fetch(`${PORTAL.backendUrl}/api/scaffolder/v2/tasks/${encodeURIComponent(createdTaskId)}/events`, {
      headers: { authorization: await bearer('bob') },
      signal: AbortSignal.timeout(10_000),
    });
    assert.ok([403, 404].includes(events.status), `bob reads alice's run's log: ${events.status}`);
  });

  test('a view URL outside luigi.allowedOrigins stops the run at the check, with the reason, and registers nothing', async () => {
    await runTemplate(REFUSED, `${PORTAL.untrustedOrigin}/scaffolded/${REFUSED}/`);
    const reason = `${refOf(REFUSED)}: Micro frontend not shown: luigi-project.io/view-url: origin ${PORTAL.untrustedOrigin} is not in luigi.allowedOrigins`;
    // The error panel names the reason, and so does the log, where the run stopped.
    await page.getByText(/is not a registration the portal accepts/).first().waitFor({ timeout: 60_000 });
    await runPageSays(
      `Error: catalog-info.yaml is not a registration the portal accepts: ${reason}`,
      `error: ${reason}`,
      'Skipping step publish because a previous step failed',
      'Skipping step register because a previous step failed',
    );
    assert.equal(await inCatalog(REFUSED), false);
    assert.equal(await locationOf(REFUSED), undefined);
    assert.equal((await fetch(scaffoldedUrl(REFUSED))).status, 404, 'nothing was published');
  });
});
