import { Sidebar, SidebarPage } from '@backstage/core-components';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { rootRouteRef } from '../../routes';
import { accessApiAllowing } from '../../testing/accessApi';
import { componentEntity } from '../../testing/componentEntity';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { APPS } from '../../testing/tenants';
import { renderWithLuigiApis } from '../../testing/renderLuigi';
import { LuigiSidebarItem } from '../LuigiSidebarItem';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const app = (name: string) => componentEntity(name, { 'luigi-project.io/view-url': `${APPS}/${name}/` });

/** The page with the sidebar beside it, as in a portal, over a catalog the test can change. */
async function renderPortal(refreshSeconds: number) {
  const catalog = { entities: [app('orders')] };
  const getEntities = jest.fn(async () => ({ items: catalog.entities }));
  const access = accessApiAllowing();
  await renderWithLuigiApis(
    <SidebarPage>
      <Sidebar>
        <LuigiSidebarItem />
      </Sidebar>
      <LuigiPage />
    </SidebarPage>,
    '/apps',
    { catalog: { getEntities }, access, luigi: { catalog: { refreshSeconds } }, mountedRoutes: { '/apps': rootRouteRef } },
  );
  return { catalog, getEntities, access };
}

async function sidebarApps() {
  await userEvent.hover(await screen.findByTestId('item-with-submenu'));
  return within(screen.getByTestId('luigi-sidebar-submenu'))
    .getAllByRole('link')
    .map(link => link.textContent);
}

describe('one catalog read for the page and the sidebar', () => {
  it('reads the catalog and asks for decisions once for both', async () => {
    const { getEntities, access } = await renderPortal(0);
    expect(await screen.findByTestId('luigi-nav-orders')).toBeInTheDocument();
    expect(await sidebarApps()).toEqual(['Orders']);
    expect(getEntities).toHaveBeenCalledTimes(1);
    expect(access.decided).toHaveLength(1);
  });

  it('notices a new registration while shown, in the page and the sidebar, without a reload', async () => {
    const { catalog, getEntities } = await renderPortal(0.2);
    expect(await screen.findByTestId('luigi-nav-orders')).toBeInTheDocument();
    catalog.entities = [app('orders'), app('shipments')];
    expect(await screen.findByTestId('luigi-nav-shipments', {}, { timeout: 3000 })).toBeInTheDocument();
    await waitFor(async () => expect(await sidebarApps()).toEqual(['Orders', 'Shipments']));
    // Each poll is one read for both views, not one each.
    const polls = getEntities.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(getEntities.mock.calls.length - polls).toBeLessThanOrEqual(3);
  });
});
