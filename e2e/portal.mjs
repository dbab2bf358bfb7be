// Starts the dev portal (`npm start`) for the browser tests and signs users in.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { userToken } from './signInOverHttp.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The dev portal's fixed addresses (see dev/start.mjs and config/app-config.dev.yaml). */
export const PORTAL = {
  baseUrl: process.env.LUIGI_E2E_BASE_URL ?? 'http://localhost:3000',
  backendUrl: 'http://localhost:7007',
  trustedOrigin: 'http://localhost:7100',
  untrustedOrigin: 'http://localhost:7200',
  issuer: 'http://localhost:7300',
  /** Where the dev backend writes its audit events while the tests run (one JSON object per line). */
  auditLogFile: join(tmpdir(), 'backstage-plugin-luigi-e2e-audit.log'),
};

let rbacAdmin;

/** alice's Backstage token (an RBAC admin through platform-admins), signed in over HTTP once. */
async function rbacAdminToken() {
  rbacAdmin ??= userToken(PORTAL.backendUrl, 'alice');
  return rbacAdmin;
}

/** RBAC's REST API (`/api/permission`) as alice; fails the test on an unexpected answer. */
async function rbacApi(path, { method = 'GET', body, expect = [200] } = {}) {
  const response = await fetch(`${PORTAL.backendUrl}/api/permission${path}`, {
    method,
    headers: { authorization: `Bearer ${await rbacAdminToken()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!expect.includes(response.status)) {
    throw new Error(`RBAC ${method} ${path} answered ${response.status}: ${await response.text()}`);
  }
  return response.status === 204 ? undefined : response.json().catch(() => undefined);
}

/** The roles writeGrants made, so the next call removes them. */
let grantRoles = [];

/**
 * Removes a role made through RBAC's REST API: its conditional policies first (the API keeps them
 * when the role goes), then the role.
 */
export async function removeRbacRole(role) {
  for (const { id } of await rbacApi(`/roles/conditions?roleEntityRef=${encodeURIComponent(role)}`)) {
    await rbacApi(`/roles/conditions/${id}`, { method: 'DELETE', expect: [204] });
  }
  await rbacApi(`/roles/${role.replace(':', '/')}`, { method: 'DELETE', expect: [204, 404] });
}

/**
 * Gives principals more than the dev portal's roles, as an RBAC admin would through RBAC's REST API:
 * the micro apps of the entities an owner owns (`grants`: `{ principal, owner }`) and tenants to
 * enter (`tenants`: `{ principal, tenants }`), each a role of its own with a conditional policy
 * (`IS_ENTITY_OWNER`, `IS_TENANT`). The grants of an earlier call go first; `writeGrants([])` returns
 * to the dev portal's roles. The next decision has them (no restart).
 */
export async function writeGrants(grants, tenants = []) {
  for (const role of grantRoles) await removeRbacRole(role);
  grantRoles = [];
  // A name of its own per call: a role's name is never reused within a run.
  const stamp = Date.now().toString(36);
  const grant = async (principal, kind, pluginId, resourceType, conditions) => {
    const role = `role:default/e2e-${kind}-${grantRoles.length}-${stamp}`;
    await rbacApi('/roles', { method: 'POST', body: { name: role, memberReferences: [principal] }, expect: [201] });
    grantRoles.push(role);
    await rbacApi('/roles/conditions', {
      method: 'POST',
      body: { result: 'CONDITIONAL', roleEntityRef: role, pluginId, resourceType, permissionMapping: ['use'], conditions },
      expect: [201],
    });
  };
  for (const { principal, owner } of grants) {
    await grant(principal, 'apps', 'catalog', 'catalog-entity', { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: [owner] } });
  }
  for (const { principal, tenants: tenantIds } of tenants) {
    await grant(principal, 'tenants', 'luigi', 'luigi-tenant', { rule: 'IS_TENANT', resourceType: 'luigi-tenant', params: { tenantIds } });
  }
}

/** The path segments of the micro apps in the page's navigation, sorted. */
export async function navApps(page) {
  const nav = page.getByTestId('luigi-nav');
  await nav.waitFor();
  const ids = await nav.locator('[data-testid^="luigi-nav-"]').evaluateAll(items => items.map(item => item.dataset.testid));
  return ids.map(id => id.replace('luigi-nav-', '')).sort();
}

/** The dev backend's audit events so far, oldest first. */
export function auditEvents() {
  try {
    return readFileSync(PORTAL.auditLogFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line));
  } catch {
    return [];
  }
}

/** Forgets the audit events so far (a test then reads only its own). */
export function clearAuditEvents() {
  writeFileSync(PORTAL.auditLogFile, '');
}

async function isUp(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntilUp(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`dev portal exited with ${child.exitCode}`);
    if (await isUp(url)) return;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/**
 * Starts `node dev/start.mjs` (one process group, so stopping ends the bundler too) and waits until
 * the portal, the micro apps and the identity provider answer.
 */
export async function startPortal({ args = [], log = false, env = {} } = {}) {
  clearAuditEvents();
  const child = spawn(process.execPath, [join(root, 'dev/start.mjs'), ...args], {
    cwd: root,
    detached: true,
    stdio: log ? 'inherit' : 'ignore',
    env: {
      ...process.env,
      CI: 'true',
      APP_CONFIG_devPortal_auditLogFile: PORTAL.auditLogFile,
      ...env,
    },
  });
  try {
    await waitUntilUp(`${PORTAL.trustedOrigin}/luigi-client.js`, 30_000, child);
    await waitUntilUp(`${PORTAL.issuer}/.well-known/openid-configuration`, 30_000, child);
    // As long as dev/start.mjs itself waits for the backend (the benchmark's large catalogs take longer).
    const backendTimeoutMs = Number(env.LUIGI_DEV_BACKEND_TIMEOUT_MS ?? 120_000);
    await waitUntilUp(`${PORTAL.backendUrl}/api/dev-readiness/catalog`, backendTimeoutMs, child);
    await waitUntilUp(`${PORTAL.baseUrl}/`, 240_000, child);
  } catch (error) {
    stopGroup(child);
    throw error;
  }
  return { stop: () => stopGroup(child) };
}

/** Ends the portal's process group and resolves once its web server and backend no longer answer. */
async function stopGroup(child) {
  if (child.exitCode === null) {
    const exited = new Promise(resolve => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 10_000))]);
  }
  const stillUp = async () => (await isUp(`${PORTAL.baseUrl}/`)) || (await isUp(`${PORTAL.backendUrl}/api/luigi/health`));
  for (let i = 0; i < 40 && (await stillUp()); i++) {
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

/**
 * Waits for Backstage's sign-in page. On a loaded machine the dev server has once taken more than
 * 30 s to answer one page load: say what the page showed instead, and load it once more (the
 * harness, not the behaviour under test, is what waits here).
 */
async function signInPage(page, signIn) {
  try {
    await signIn.waitFor({ timeout: 20_000 });
    return;
  } catch {
    const shown = await page.evaluate(() => document.body?.innerText.slice(0, 300)).catch(() => '(no page)');
    console.error(`no sign-in page after 20 s at ${page.url()}; it showed: ${JSON.stringify(shown)}; loading it again`);
  }
  await page.reload();
  await signIn.waitFor({ timeout: 30_000 });
}

/**
 * Loads `path` as a fresh page load (a deep link) and signs in as `user` (alice or bob) the way a
 * portal user does: Backstage's sign-in page, the auth backend's popup, the provider's login page.
 * Cookies are dropped first, so no session of an earlier user (the auth backend's or the
 * provider's) carries over. `baseUrl` is another server of the same app.
 */
export async function visit(page, path, user = 'alice', { baseUrl = PORTAL.baseUrl } = {}) {
  const target = `${baseUrl}${path}`;
  // From about:blank, so a hash-only change is a real page load too; and first, so no request of
  // the page left (a session refresh in flight) sets a cookie again after they are cleared.
  await page.goto('about:blank');
  await page.context().clearCookies();
  await page.goto(target);
  const signIn = page.getByRole('button', { name: /^sign in$/i });
  // The sign-in page first tries a silent sign-in (the provider it remembers; its refresh answers
  // 401): let it settle before clicking, and click again if no popup opened all the same.
  await signInPage(page, signIn);
  await page.waitForLoadState('networkidle');
  let login;
  for (let attempt = 0; !login && attempt < 3; attempt++) {
    const popup = page.waitForEvent('popup', { timeout: 15_000 }).catch(() => undefined);
    await signIn.click();
    login = await popup;
    if (!login && !(await signIn.isVisible())) {
      throw new Error(`no sign-in popup, and the sign-in page is gone (at ${page.url()})`);
    }
  }
  if (!login) throw new Error('the sign-in popup did not open');
  // The auth backend's handler closes the popup as soon as the provider redirects back: listen first.
  const closed = login.waitForEvent('close');
  await login.locator(`#login-${user}`).click();
  await closed;
  await signIn.waitFor({ state: 'detached' });
  if (page.url() !== target) throw new Error(`signed in at ${page.url()}, not at ${target}`);
}

/** The micro app frame inside the Luigi view. */
export function microApp(page) {
  return page.frameLocator('[data-testid="luigi-container"] iframe');
}

/** What the untrusted origin's recorder page has received so far. */
export async function untrustedRecords() {
  const response = await fetch(`${PORTAL.untrustedOrigin}/recorder/log`);
  return response.json();
}

/** Waits until the Luigi view shows micro app `name` (at frame `path`, if given) and it said hello. */
export async function waitForApp(page, name, { path, timeout = 30_000 } = {}) {
  const frame = microApp(page);
  await frame.locator('#app-name', { hasText: name }).waitFor({ timeout });
  if (path) await frame.locator('#path', { hasText: path }).waitFor({ timeout });
  await frame.locator('#status', { hasText: 'ready' }).waitFor({ timeout });
  return frame;
}

/** The Luigi context a sample micro app shows. */
export async function contextOf(frame) {
  return JSON.parse(await frame.locator('#context').textContent());
}

/** Moves the mouse off the sidebar, whose submenu opens on hover and covers the page. */
export async function mouseAway(page) {
  const { width, height } = page.viewportSize();
  await page.mouse.move(width - 20, height - 20);
}

/** What Luigi could have left on the host page: its root, frames, classes, fixed layout, language. */
export async function hostState(page) {
  return page.evaluate(() => ({
    luigiRoots: document.querySelectorAll('[luigi-app-root]').length,
    iframes: document.querySelectorAll('iframe').length,
    htmlClass: document.documentElement.className,
    bodyClass: document.body.className,
    lang: document.documentElement.getAttribute('lang'),
    htmlPosition: getComputedStyle(document.documentElement).position,
    bodyOverflow: getComputedStyle(document.body).overflow,
  }));
}
