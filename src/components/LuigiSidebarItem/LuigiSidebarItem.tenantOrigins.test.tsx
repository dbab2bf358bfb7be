import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setCurrentTenant } from '../../tenants/currentTenant';
import { renderLuigiSidebar } from '../../testing/renderLuigi';
import { APPS, LOGISTICS, LOGISTICS_CONFIG, OTHER, tenantEntity } from '../../testing/tenants';

afterEach(() => setCurrentTenant(undefined));

describe('LuigiSidebarItem in a tenant with its own allowed origins', () => {
  it('links no app outside them', async () => {
    const { access } = await renderLuigiSidebar('/home', {
      entities: [
        tenantEntity('logistics', 'trucks', { origin: APPS, system: 'fleet' }),
        tenantEntity('logistics', 'radar', { origin: OTHER, system: 'fleet' }),
      ],
      tenants: [LOGISTICS],
      luigi: { allowedOrigins: [APPS, OTHER], tenants: [LOGISTICS_CONFIG] },
    });
    await userEvent.hover(await screen.findByTestId('item-with-submenu'));
    await waitFor(() =>
      expect(
        within(screen.getByTestId('luigi-sidebar-submenu'))
          .getAllByRole('link')
          .map(link => [link.textContent, link.getAttribute('href')]),
      ).toEqual([['Trucks', '/apps?tenant=logistics#/component~logistics~trucks']]),
    );
    expect(access.decided.map(d => d.tenant)).toEqual(['logistics']);
  });
});
