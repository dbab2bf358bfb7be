// Micro apps that misbehave, and frames that pretend to be Luigi, in the dev portal's `lab` tenant
// (dev/catalog/lab-faults.yaml; only platform admins such as alice enter it). Each shows the right
// panel or is ignored, the portal page keeps working, and no token reaches the origin that is not
// allowlisted (http://localhost:7200), whose pages record every message they receive.
// A micro app that 404s, refuses framing or never loads the Luigi client: luigiPage.test.mjs.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { PORTAL, visit, waitForApp } from './portal.mjs';

/** Three dot-separated base64url parts: a JWT, whoever issued it. */
const JWT = /[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;
/** No stack frame, no source file: what a user must never be shown. */
const STACK = /\bat \S+ \(|\.tsx?:\d+/;

const lab = name => `/luigi?tenant=lab#/component~lab~${name}`;

let page;
openSession(opened => {
  page = opened;
});

beforeEach(async () => {
  await fetch(`${PORTAL.untrustedOrigin}/recorder/log`, { method: 'DELETE' });
});

/**
 * Signs in at `path` and records what the portal page itself throws from then on. Listened to in
 * the top window only: Playwright's `pageerror` also reports the micro apps' frames.
 */
async function open(path) {
  await visit(page, path, 'alice');
  await page.evaluate(() => {
    const errors = [];
    window.addEventListener('error', event => errors.push(String(event.message)));
    window.addEventListener('unhandledrejection', event => errors.push(String(event.reason?.message ?? event.reason)));
    window.hostErrorsForTest = errors;
  });
}

/** What the portal page threw since {@link open}. */
const hostErrors = () => page.evaluate(() => window.hostErrorsForTest);

/** What pages of the untrusted origin recorded: every message they received, and what they forged. */
async function untrustedRecords() {
  const all = await (await fetch(`${PORTAL.untrustedOrigin}/recorder/log`)).json();
  return all.filter(entry => entry.recordedBy === PORTAL.untrustedOrigin);
}

/** Waits until the forger (`as`) of the untrusted origin has sent all three rounds of forged messages. */
async function forgerDone(as) {
  for (let i = 0; i < 60; i++) {
    const records = await untrustedRecords();
    if (records.some(r => r.kind === 'forged' && r.data?.as === as && r.data.round === 2)) return records;
    await page.waitForTimeout(250);
  }
  assert.fail(`the ${as} forger never finished; it recorded ${JSON.stringify(await untrustedRecords())}`);
}

/** Nothing the untrusted origin received carries a token or a Luigi answer. */
function assertNothingLeaked(records) {
  const received = records.filter(r => r.kind === 'message');
  for (const record of records) {
    assert.doesNotMatch(JSON.stringify(record), JWT, `a token reached ${PORTAL.untrustedOrigin}: ${JSON.stringify(record)}`);
  }
  const answers = received.filter(r => /^luigi\.(init|navigate|auth\.tokenIssued)$/.test(r.data?.msg));
  assert.deepEqual(answers, [], 'Luigi answered a frame of the untrusted origin');
}

/** The token a sample micro app holds now. */
async function tokenIn(frame) {
  return (await frame.locator('#token').textContent()).trim();
}

/** The portal page still works: another micro app of the tenant opens and says hello. */
async function hostStillWorks(other = 'fault-throws') {
  await page.getByTestId(`luigi-nav-component~lab~${other}`).click();
  await waitForApp(page, other);
  assert.deepEqual(await hostErrors(), [], 'the portal page threw');
}

describe('micro app faults', () => {
  test('a micro app whose server never answers shows "did not load", and retry tries again', async () => {
    await open(lab('fault-hangs'));
    const failed = page.getByTestId('luigi-view-failed');
    await failed.waitFor({ timeout: 20_000 });
    assert.match(await failed.textContent(), /Fault: never answers did not load/);
    assert.match(await failed.textContent(), /did not answer in time/);
    assert.doesNotMatch(await page.getByTestId('luigi-view').textContent(), STACK);
    await page.getByTestId('luigi-retry').click();
    assert.equal(await page.getByTestId('luigi-view').getAttribute('data-state'), 'showing');
    await failed.waitFor({ timeout: 20_000 });
    await hostStillWorks();
  });

  test('a micro app that throws after the handshake stays shown, and the portal is unaffected', async () => {
    await open(lab('fault-throws'));
    const frame = await waitForApp(page, 'fault-throws');
    await frame.locator('body[data-crashed="true"]').waitFor();
    // Past the load timeout (6 s): the handshake came, so no error panel replaces the app.
    await page.waitForTimeout(8000);
    assert.equal(await page.getByTestId('luigi-view').getAttribute('data-state'), 'showing');
    assert.equal(await page.getByTestId('luigi-view-failed').count(), 0);
    assert.match(await tokenIn(frame), JWT, 'it holds its token all the same');
    await hostStillWorks('fault-nested-forger');
  });

  test('a micro app that navigates its frame to another origin hands that origin no token, even on renewal', async () => {
    const navigated = `${PORTAL.untrustedOrigin}/fault/forger/`;
    // The renewal of the app's token, which the portal sends its frame about 30 s after the first.
    const renewal = page.waitForRequest(
      request =>
        request.url().endsWith('/api/luigi/tokens') &&
        request.method() === 'POST' &&
        request.postDataJSON()?.entityRef === 'component:lab/fault-navigates-away' &&
        request.postDataJSON()?.purpose === 'refresh',
      { timeout: 75_000 },
    );
    await open(lab('fault-navigates-away'));
    const url = page.url();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="luigi-container"] iframe') !== null,
    );
    await forgerDone('navigated');
    assert.ok(page.frames().some(frame => frame.url().startsWith(navigated)), 'the frame is at the other origin');
    await (await renewal).response();
    await page.waitForTimeout(2000);

    const records = await untrustedRecords();
    assert.ok(records.some(r => r.kind === 'forged'), 'the page of the other origin ran');
    assertNothingLeaked(records);
    // Its forged navigation went nowhere: the portal shows what it showed.
    assert.equal(page.url(), url);
    assert.equal(await page.getByTestId('luigi-view').getAttribute('data-state'), 'showing');
    await hostStillWorks();
  });

  test("a frame of another origin inside a micro app cannot pass for Luigi or get the app's token", async () => {
    await open(lab('fault-nested-forger'));
    const app = await waitForApp(page, 'fault-nested-forger');
    await app.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    const before = await tokenIn(app);
    const url = page.url();
    await forgerDone('nested');
    await page.waitForTimeout(1500);

    assertNothingLeaked(await untrustedRecords());
    assert.equal(page.url(), url, 'its luigi.navigation.open was ignored');
    assert.equal(await tokenIn(app), before, 'its luigi.auth.tokenIssued changed no token');
    assert.equal(await app.locator('#verify-status').textContent(), 'verified');
    await hostStillWorks();
  });

  test('a sibling frame of another origin on the portal page cannot pass for a micro app', async () => {
    await open('/luigi#/orders');
    const orders = await waitForApp(page, 'orders');
    await orders.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    const before = await tokenIn(orders);
    const url = page.url();
    // Another plugin's frame on the same portal page, beside the micro app's.
    await page.evaluate(src => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.dataset.testid = 'sibling-forger';
      document.body.appendChild(frame);
    }, `${PORTAL.untrustedOrigin}/fault/forger/?as=sibling&open=/billing`);
    await forgerDone('sibling');
    await page.waitForTimeout(1500);

    assertNothingLeaked(await untrustedRecords());
    assert.equal(page.url(), url, 'its luigi.navigation.open was ignored');
    assert.equal(await tokenIn(orders), before, 'its luigi.auth.tokenIssued changed no token');
    await page.getByTestId('luigi-nav-billing').click();
    await waitForApp(page, 'billing');
    assert.deepEqual(await hostErrors(), []);
  });
});
