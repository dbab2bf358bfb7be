import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import {
  ApiBlueprint,
  coreExtensionData,
  createFrontendModule,
  identityApiRef,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen, waitFor, within } from '@testing-library/react';
import { luigiTokenSourceApiRef } from '../auth/tokenSource';
import { luigiAccessApiRef } from '../access/luigiAccessApi';
import { accessApiAllowing } from '../testing/accessApi';
import { FakeLuigiCore } from '../testing/fakeLuigiCore';
import luigiPlugin, { luigiEntityContent, luigiPage } from '.';
import { componentEntity } from '../testing/componentEntity';

const mockCore = new FakeLuigiCore();
jest.mock('../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const TRUSTED = 'https://apps.example.com';

const component = componentEntity;

const orders = component(
  'orders',
  {
    'luigi-project.io/view-url': `${TRUSTED}/orders/`,
    'luigi-project.io/views': `Settings=${TRUSTED}/orders/settings`,
  },
  'commerce',
);
const billing = component('billing', {
  'luigi-project.io/view-url': `${TRUSTED}/billing/`,
  'luigi-project.io/category': 'Finance',
});
const plain = component('plain', {});

const config = { luigi: { allowedOrigins: [TRUSTED], loadTimeoutMs: 1000 } };
const apis = [
  [catalogApiRef, new InMemoryCatalogClient({ entities: [orders, billing, plain] })],
  [luigiAccessApiRef, accessApiAllowing()],
  mockApis.identity({ userEntityRef: 'user:default/alice', token: 'identity-token' }),
] as const;

describe('backstage-plugin-luigi/alpha (new frontend system)', () => {
  it('is a plugin with id luigi made of the page, the entity content and the token source API', () => {
    expect(luigiPlugin.pluginId).toBe('luigi');
    expect(luigiPage.toString()).toContain('page');
    const content = createExtensionTester(luigiEntityContent);
    expect(content.get(EntityContentBlueprint.dataRefs.title)).toBe('Micro frontend');
    expect(content.get(coreExtensionData.routePath)).toBe('luigi');
  });

  it('offers the entity content only for entities that declare a micro frontend', () => {
    const filter = createExtensionTester(luigiEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.(orders)).toBe(true);
    expect(filter?.(billing)).toBe(true);
    expect(filter?.(plain)).toBe(false);
  });

  it('lets app.extensions config change the entity content title, path and filter', () => {
    const tester = createExtensionTester(luigiEntityContent, {
      config: { title: 'Console', path: 'console', filter: { kind: 'component' } },
    });
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Console');
    expect(tester.get(coreExtensionData.routePath)).toBe('console');
    // A filter from config replaces the annotation check: here every component gets the tab.
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(plain)).toBe(true);
  });

  it('renders the entity content with the entity views as tabs', async () => {
    const withTokenSource = [
      ...apis,
      [luigiTokenSourceApiRef, { getToken: async () => ({ token: 't' }) }],
    ] as const;
    renderInTestApp(
      <EntityProvider entity={orders}>
        {createExtensionTester(luigiEntityContent, { apis: withTokenSource }).reactElement()}
      </EntityProvider>,
      {
        apis: withTokenSource,
        config,
        mountPath: '/catalog/:namespace/:kind/:name/luigi',
        initialRouteEntries: ['/catalog/default/component/orders/luigi'],
      },
    );
    const tabs = within(await screen.findByTestId('luigi-entity-tabs')).getAllByRole('tab');
    expect(tabs.map(tab => [tab.textContent, tab.getAttribute('href')])).toEqual([
      ['Orders', '#/orders'],
      ['Settings', '#/orders~settings'],
    ]);
    // The first view opens: Luigi gets the entity's views with the entity in context.
    await waitFor(() => expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'showing'));
    await waitFor(() =>
      expect(mockCore.nodes().map(n => [n.pathSegment, n.context.entity.ref])).toEqual([
        ['orders', 'component:default/orders'],
        ['orders~settings', 'component:default/orders'],
      ]),
    );
  });

  it('mounts the page at /luigi with a sidebar item from its title and icon', async () => {
    const tester = createExtensionTester(luigiPage, { apis });
    expect(tester.get(coreExtensionData.routePath)).toBe('/luigi');
    expect(tester.get(coreExtensionData.title)).toBe('Micro apps');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('puts the page in the app sidebar and shows the catalog micro apps by category', async () => {
    renderTestApp({
      features: [luigiPlugin],
      apis,
      config,
      initialRouteEntries: ['/luigi'],
    });
    const nav = await screen.findByTestId('luigi-nav');
    expect(screen.getByRole('link', { name: 'Micro apps' })).toHaveAttribute('href', '/luigi');
    expect(within(nav).getByText('Commerce')).toBeInTheDocument();
    expect(within(nav).getByText('Finance')).toBeInTheDocument();
    expect(within(nav).getByTestId('luigi-nav-orders')).toHaveAttribute('href', '#/orders');
    expect(within(nav).queryByText('Plain')).not.toBeInTheDocument();
  });

  it('shows the tenant the URL names, with a switcher, in the new frontend system too', async () => {
    const tenants = [
      { id: 'retail', title: 'Retail', members: (ref: string) => ref === 'component:default/billing' },
      { id: 'commerce', title: 'Commerce', members: (ref: string) => ref === 'component:default/orders' },
    ];
    const access = accessApiAllowing(undefined, { tenants });
    renderTestApp({
      features: [luigiPlugin],
      apis: [apis[0], [luigiAccessApiRef, access], apis[2]],
      config,
      initialRouteEntries: ['/luigi?tenant=commerce'],
    });
    const nav = await screen.findByTestId('luigi-nav');
    expect(within(nav).getByTestId('luigi-nav-orders')).toBeInTheDocument();
    expect(within(nav).queryByText('Billing')).not.toBeInTheDocument();
    const switcher = screen.getByTestId('luigi-tenant-switcher');
    expect(within(switcher).getAllByRole('option').map(option => option.textContent)).toEqual(['Retail', 'Commerce']);
    expect(access.entered).toEqual([{ tenant: 'commerce' }]);
  });

  it('shows the admin warnings the backend answers above the page, in the new frontend system too', async () => {
    const warning = {
      id: 'unconditional-allow-without-group' as const,
      title: 'Everybody may open every micro app: the policy lets in users who belong to no group',
      message: 'The permission policy allowed user:default/guest, who belongs to no group.',
      fix: 'Grant luigi.micro-frontend.open to groups.',
      detectedAt: '2026-12-07T10:00:00.000Z',
    };
    const access = Object.assign(accessApiAllowing(), { adminWarnings: async () => ({ warnings: [warning] }) });
    renderTestApp({
      features: [luigiPlugin],
      apis: [apis[0], [luigiAccessApiRef, access], apis[2]],
      config,
      initialRouteEntries: ['/luigi'],
    });
    expect(await screen.findByTestId('luigi-admin-warning')).toHaveTextContent(warning.title);
    expect(await screen.findByTestId('luigi-nav')).toBeInTheDocument();
  });

  it('moves the page where app.extensions config puts it', async () => {
    renderTestApp({
      features: [luigiPlugin],
      apis,
      config: { ...config, app: { extensions: [{ 'page:luigi': { config: { path: '/apps' } } }] } },
      initialRouteEntries: ['/apps'],
    });
    expect(await screen.findByTestId('luigi-nav')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Micro apps' })).toHaveAttribute('href', '/apps');
  });

  it('hands micro apps the Backstage token by default', async () => {
    const { apis: appApis } = renderTestApp({ features: [luigiPlugin], apis, config });
    await expect(appApis.get(luigiTokenSourceApiRef)!.getToken()).resolves.toMatchObject({
      token: 'identity-token',
    });
  });

  it('lets the app replace the token source with a module for the plugin', async () => {
    const tokenSourceOverride = createFrontendModule({
      pluginId: 'luigi',
      extensions: [
        ApiBlueprint.make({
          name: 'token-source',
          params: defineParams =>
            defineParams({
              api: luigiTokenSourceApiRef,
              deps: { identityApi: identityApiRef },
              factory: () => ({ getToken: async () => ({ token: 'oidc-access-token' }) }),
            }),
        }),
      ],
    });
    const { apis: appApis } = renderTestApp({
      features: [luigiPlugin, tokenSourceOverride],
      apis,
      config,
    });
    await expect(appApis.get(luigiTokenSourceApiRef)!.getToken()).resolves.toEqual({
      token: 'oidc-access-token',
    });
  });
});
