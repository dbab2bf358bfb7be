import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setCurrentTenant } from '../../tenants/currentTenant';
import { TestTenant } from '../../testing/accessApi';
import { renderLuigiSidebar } from '../../testing/renderLuigi';
import { LOGISTICS, RETAIL, tenantEntity } from '../../testing/tenants';

const entities = [tenantEntity('default', 'orders', { system: 'shop' }), tenantEntity('logistics', 'trucks', { system: 'shop' })];

async function renderSidebar(tenants: TestTenant[]) {
  const { access } = await renderLuigiSidebar('/home', { entities, tenants });
  return access;
}

async function submenuLinks() {
  await userEvent.hover(await screen.findByTestId('item-with-submenu'));
  const submenu = screen.getByTestId('luigi-sidebar-submenu');
  return within(submenu).getAllByRole('link').map(link => [link.textContent, link.getAttribute('href')]);
}

afterEach(() => setCurrentTenant(undefined));

describe('LuigiSidebarItem with tenants', () => {
  it("lists the default tenant's apps only, in that tenant, and offers the other tenants", async () => {
    const access = await renderSidebar([RETAIL, LOGISTICS]);
    await waitFor(async () => expect(await submenuLinks()).toEqual([
      ['Orders', '/apps?tenant=retail#/orders'],
      ['Logistics', '/apps?tenant=logistics'],
    ]));
    expect(access.decided.map(d => d.tenant)).toEqual(['retail']);
  });

  it('follows the tenant the page shows', async () => {
    await renderSidebar([RETAIL, LOGISTICS]);
    await waitFor(async () => expect((await submenuLinks())[0][0]).toBe('Orders'));
    act(() => setCurrentTenant({ id: 'logistics', title: 'Logistics' }));
    await waitFor(async () => expect(await submenuLinks()).toEqual([
      ['Trucks', '/apps?tenant=logistics#/component~logistics~trucks'],
      ['Retail', '/apps?tenant=retail'],
    ]));
  });

  it('offers no other tenant when the user may enter one only', async () => {
    await renderSidebar([RETAIL, { ...LOGISTICS, enterable: false }]);
    await waitFor(async () => expect(await submenuLinks()).toEqual([['Orders', '/apps?tenant=retail#/orders']]));
    expect(screen.queryByTestId('luigi-sidebar-tenants')).toBeNull();
  });
});
