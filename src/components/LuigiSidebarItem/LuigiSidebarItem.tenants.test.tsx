import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { Sidebar, SidebarPage } from '@backstage/core-components';
import { configApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { luigiAccessApiRef } from '../../access/luigiAccessApi';
import { rootRouteRef } from '../../routes';
import { setCurrentTenant } from '../../tenants/currentTenant';
import { accessApiAllowing, TestTenant } from '../../testing/accessApi';
import { LuigiSidebarItem } from './LuigiSidebarItem';

function entity(namespace: string, name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      namespace,
      name,
      title: name[0].toUpperCase() + name.slice(1),
      annotations: { 'luigi-project.io/view-url': `https://apps.example.com/${name}/` },
    },
    spec: { owner: 'team-a', system: 'shop' },
  };
}

const inNamespace = (namespace: string) => (ref: string) => ref.includes(`:${namespace}/`);
const RETAIL: TestTenant = { id: 'retail', title: 'Retail', members: inNamespace('default') };
const LOGISTICS: TestTenant = { id: 'logistics', title: 'Logistics', members: inNamespace('logistics') };

async function renderSidebar(tenants: TestTenant[]) {
  const access = accessApiAllowing(undefined, { tenants });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, new InMemoryCatalogClient({ entities: [entity('default', 'orders'), entity('logistics', 'trucks')] })],
        [luigiAccessApiRef, access],
        [configApiRef, mockApis.config({ data: { luigi: { allowedOrigins: ['https://apps.example.com'] } } })],
      ]}
    >
      <SidebarPage>
        <Sidebar>
          <LuigiSidebarItem />
        </Sidebar>
      </SidebarPage>
    </TestApiProvider>,
    { routeEntries: ['/home'], mountedRoutes: { '/apps': rootRouteRef } },
  );
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
