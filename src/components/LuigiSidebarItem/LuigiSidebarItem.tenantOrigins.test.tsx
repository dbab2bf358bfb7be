import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { Sidebar, SidebarPage } from '@backstage/core-components';
import { configApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { luigiAccessApiRef } from '../../access/luigiAccessApi';
import { rootRouteRef } from '../../routes';
import { setCurrentTenant } from '../../tenants/currentTenant';
import { accessApiAllowing } from '../../testing/accessApi';
import { LuigiSidebarItem } from './LuigiSidebarItem';

const APPS = 'https://apps.example.com';
const OTHER = 'https://other.example.com';

function entity(name: string, origin: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      namespace: 'logistics',
      name,
      title: name[0].toUpperCase() + name.slice(1),
      annotations: { 'luigi-project.io/view-url': `${origin}/${name}/` },
    },
    spec: { owner: 'team-a', system: 'fleet' },
  };
}

afterEach(() => setCurrentTenant(undefined));

describe('LuigiSidebarItem in a tenant with its own allowed origins', () => {
  it('links no app outside them', async () => {
    const access = accessApiAllowing(undefined, {
      tenants: [{ id: 'logistics', title: 'Logistics', members: ref => ref.includes(':logistics/') }],
    });
    const luigi = {
      allowedOrigins: [APPS, OTHER],
      tenants: [{ id: 'logistics', namespaces: ['logistics'], allowedOrigins: [APPS] }],
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, new InMemoryCatalogClient({ entities: [entity('trucks', APPS), entity('radar', OTHER)] })],
          [luigiAccessApiRef, access],
          [configApiRef, mockApis.config({ data: { luigi } })],
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
