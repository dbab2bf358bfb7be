// Central RBAC on the dev portal: Backstage's RBAC plugin decides who opens which micro app and who
// enters which tenant, from roles that map the identity provider's groups (dev/permissions). An RBAC
// admin (alice, platform-admins) grants bob the Orders team's micro apps in the RBAC page, bob opens
// Orders after a reload, the role is deleted, bob is denied again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openSession } from './session.mjs';
import { auditEvents, navApps, removeRbacRole, visit, waitForApp } from './portal.mjs';

let page;
openSession(opened => {
  page = opened;
});

// A name of its own per run: a role of a name RBAC saw before may meet that role's leftovers.
const ROLE = `bob-opens-orders-${Date.now().toString(36)}`;

/** The role list's row of `name`, on the RBAC page. */
const roleRow = name => page.getByRole('row', { name: new RegExp(`role:default/${name}\\b`) });

/** Deletes the test's role in the RBAC page, as alice; resolves once the list no longer shows it. */
async function deleteRoleInUi() {
  await visit(page, '/rbac', 'alice');
  await page.getByText(/^All roles \(\d+\)$/).waitFor();
  const row = roleRow(ROLE);
  await row.getByRole('button', { name: /delete/i }).click();
  const dialog = page.getByRole('dialog');
  // The dialog asks for the role's full name to confirm.
  await dialog.getByLabel('Role name').fill(`role:default/${ROLE}`);
  await dialog.getByRole('button', { name: /^delete$/i }).click();
  await page.getByText(`Role role:default/${ROLE} deleted successfully`).waitFor();
}

describe('central RBAC', () => {
  test("the dev portal's roles decide: platform-admins open every micro app, teams those they own", async () => {
    await visit(page, '/luigi', 'alice');
    assert.deepEqual(await navApps(page), [
      'billing', 'broken-404', 'broken-no-frame', 'broken-no-handshake', 'inventory', 'orders', 'reports',
    ]);
    await visit(page, '/luigi', 'bob');
    assert.deepEqual(await navApps(page), ['billing', 'reports']);
    // The decisions came from the RBAC plugin, from the roles of the groups the identity provider gave.
    const evaluations = auditEvents().filter(
      e => e.plugin === 'permission' && e.eventId === 'permission-evaluation' && e.meta?.permissionName === 'luigi.micro-frontend.open',
    );
    assert.ok(evaluations.some(e => e.meta.userEntityRef === 'user:default/bob'), "RBAC evaluated bob's access");
  });

  test('the RBAC page lists the luigi permissions, with the catalog\'s owner rule and the tenant rule', async () => {
    await visit(page, '/rbac/role/new', 'alice');
    await page.getByLabel('Name').fill('listing-only');
    await page.getByTestId('nextButton-0').click();
    const users = page.getByLabel('Select users and groups');
    await users.fill('bob');
    await page.getByRole('option', { name: /Bob Billing/ }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('nextButton-1').click();
    for (const plugin of ['Catalog', 'Luigi']) {
      await page.getByLabel('Select plugins').click();
      await page.getByRole('option', { name: plugin, exact: true }).click();
      await page.keyboard.press('Escape');
    }
    await page.getByTestId('expand-row-catalog').click();
    await page.getByTestId('expand-row-luigi').click();
    const open = page.getByRole('row', { name: 'luigi.micro-frontend.open' });
    const enter = page.getByRole('row', { name: 'luigi.tenant.enter' });
    await open.waitFor();
    await enter.waitFor();
    // Each is a resource permission: its access may be configured with its resource type's rules.
    await enter.getByRole('checkbox').first().check();
    await enter.getByLabel('remove').click();
    await page.getByText('luigi-tenant', { exact: true }).waitFor();
    await page.getByLabel('Rule').click();
    await page.getByRole('option', { name: 'IS_TENANT' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await open.getByRole('checkbox').first().check();
    await open.getByLabel('remove').click();
    await page.getByText('catalog-entity', { exact: true }).waitFor();
    await page.getByLabel('Rule').click();
    await page.getByRole('option', { name: 'IS_ENTITY_OWNER' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  test('alice grants bob the Orders team\'s micro apps in the RBAC page; bob opens Orders; the role goes, bob is denied', async () => {
    let failed = false;
    try {
      await visit(page, '/luigi#/orders', 'bob');
      await page.getByTestId('luigi-access-denied').waitFor();
      await grantAndRevoke();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // Reports its own failure only when the story passed: the story's failure says more.
      await removeRbacRole(`role:default/${ROLE}`).catch(error => {
        if (!failed) throw error;
      });
    }
  });
});

/** The third test's story, from alice's role for bob to its deletion. */
async function grantAndRevoke() {
    // alice, an RBAC admin through platform-admins, creates a role for bob in the RBAC page.
    await visit(page, '/rbac/role/new', 'alice');
    await page.getByLabel('Name').fill(ROLE);
    await page.getByTestId('nextButton-0').click();
    await page.getByLabel('Select users and groups').fill('bob');
    await page.getByRole('option', { name: /Bob Billing/ }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('nextButton-1').click();
    await page.getByLabel('Select plugins').click();
    await page.getByRole('option', { name: 'Catalog', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('expand-row-catalog').click();
    const open = page.getByRole('row', { name: 'luigi.micro-frontend.open' });
    await open.getByRole('checkbox').first().check();
    // Not every micro app: those of the entities team-orders owns (the catalog's owner rule).
    await open.getByLabel('remove').click();
    await page.getByLabel('Rule').click();
    await page.getByRole('option', { name: 'IS_ENTITY_OWNER' }).click();
    await page.getByLabel('claims').fill('group:default/team-orders');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('nextButton-2').click();
    await page.getByRole('button', { name: 'Create' }).click();
    await roleRow(ROLE)
      .waitFor()
      .catch(async error => {
        const shown = await page.evaluate(() => document.body.innerText.slice(0, 1500));
        throw new Error(`${error.message}\nThe page showed: ${shown}`);
      });

    // bob's next page load: Orders opens, with its own token; Billing's apps stay, others' do not.
    await visit(page, '/luigi#/orders', 'bob');
    const frame = await waitForApp(page, 'orders');
    await frame.locator('#verify-status', { hasText: /^verified$/ }).waitFor();
    assert.equal(JSON.parse(await frame.locator('#verified-claims').textContent()).aud, 'component:default/orders');
    assert.deepEqual(await navApps(page), [
      'billing', 'broken-404', 'broken-no-frame', 'broken-no-handshake', 'inventory', 'orders', 'reports',
    ]);

    // alice deletes the role; bob's next page load is denied again, and the backend issues nothing.
    await deleteRoleInUi();
    await visit(page, '/luigi#/orders', 'bob');
    await page.getByTestId('luigi-access-denied').waitFor();
    assert.equal(await page.locator('iframe').count(), 0);
    assert.deepEqual(await navApps(page), ['billing', 'reports']);
}
