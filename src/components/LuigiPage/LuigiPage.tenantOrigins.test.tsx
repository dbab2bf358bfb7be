import { Entity } from '@backstage/catalog-model';
import { configApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { luigiAccessApiRef } from '../../access/luigiAccessApi';
import { luigiTokenSourceApiRef } from '../../auth/tokenSource';
import { setCurrentTenant } from '../../tenants/currentTenant';
import { accessApiAllowing, TestTenant } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const APPS = 'https://apps.example.com';
const OTHER = 'https://other.example.com';

function entity(namespace: string, name: string, origin: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      namespace,
      name,
      title: name[0].toUpperCase() + name.slice(1),
      annotations: { 'luigi-project.io/view-url': `${origin}/${name}/` },
    },
    spec: { owner: 'team-a' },
  };
}

// Both origins are in the global allowlist; logistics narrows it to APPS, retail keeps it whole.
const entities = [
  entity('default', 'orders', APPS),
  entity('default', 'billing', OTHER),
  entity('logistics', 'trucks', APPS),
  entity('logistics', 'radar', OTHER),
];
const inNamespace = (namespace: string) => (ref: string) => ref.includes(`:${namespace}/`);
const TENANTS: TestTenant[] = [
  { id: 'retail', title: 'Retail', members: inNamespace('default') },
  { id: 'logistics', title: 'Logistics', members: inNamespace('logistics') },
];
const TENANTS_CONFIG = [
  { id: 'retail', title: 'Retail', namespaces: ['default'] },
  { id: 'logistics', title: 'Logistics', namespaces: ['logistics'], allowedOrigins: [APPS] },
];
const TRUCKS = 'component~logistics~trucks';
const RADAR = 'component~logistics~radar';
const OUTSIDE = `Radar (component:logistics/radar): origin ${OTHER} is not in the allowed origins of tenant logistics`;

async function renderPage(path: string, options: { tenants?: TestTenant[]; tenantsConfig?: object[] } = {}) {
  const access = accessApiAllowing(undefined, { tenants: options.tenants ?? TENANTS });
  const luigi = { allowedOrigins: [APPS, OTHER], tenants: options.tenantsConfig ?? TENANTS_CONFIG };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, { getEntities: async () => ({ items: entities }) }],
        [configApiRef, mockApis.config({ data: { luigi } })],
        [identityApiRef, mockApis.identity({ userEntityRef: 'user:default/alice' })],
        [luigiTokenSourceApiRef, { getToken: async () => ({ token: 't', expiresAt: Date.now() + 600_000 }) }],
        [luigiAccessApiRef, access],
      ]}
    >
      <LuigiPage />
    </TestApiProvider>,
    { routeEntries: [path], mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return access;
}

const segments = () => mockCore.nodes().map(node => node.pathSegment);
const refusals = () => screen.queryAllByTestId('luigi-rejected').map(item => item.textContent);

afterEach(() => {
  setCurrentTenant(undefined);
  document.querySelectorAll('iframe').forEach(frame => frame.remove());
});

describe('LuigiPage in a tenant with its own allowed origins', () => {
  it('drops an app outside them: no node, no frame, no token, listed as refused with the reason', async () => {
    const access = await renderPage(`/luigi?tenant=logistics#/${RADAR}`);
    const nav = await screen.findByTestId('luigi-nav');
    expect(within(nav).getByText('Trucks')).toBeInTheDocument();
    expect(within(nav).queryByText('Radar')).toBeNull();
    await waitFor(() => expect(refusals()).toEqual([OUTSIDE]));
    // Another tenant's app at that origin is not told of.
    expect(screen.getByTestId('luigi-diagnostics')).not.toHaveTextContent('Billing');
    // A deep link to it finds nothing to frame.
    await waitFor(() => expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'not-found'));
    await waitFor(() => expect(segments()).toEqual([TRUCKS]));
    expect(mockCore.nodes().map(node => node.viewUrl)).not.toContain(`${OTHER}/radar/`);

    const trucks = await frameAsksForContext(mockCore, mockCore.nodes()[0]);
    expect(access.requests).toEqual([{ entityRef: 'component:logistics/trucks', tenant: 'logistics', purpose: 'open' }]);
    trucks.frame.remove();
  });

  it('changes nothing in a tenant without its own origins', async () => {
    await renderPage('/luigi?tenant=retail#/orders');
    const nav = await screen.findByTestId('luigi-nav');
    expect(within(nav).getByText('Orders')).toBeInTheDocument();
    expect(within(nav).getByText('Billing')).toBeInTheDocument();
    await waitFor(() => expect(segments()).toEqual(expect.arrayContaining(['orders', 'billing'])));
    expect(refusals()).toEqual([]);
  });
});

describe('LuigiPage without tenants', () => {
  it('changes nothing, even with tenants in the config that the backend does not apply', async () => {
    await renderPage('/luigi', { tenants: [] });
    const nav = await screen.findByTestId('luigi-nav');
    for (const label of ['Orders', 'Billing', 'Trucks', 'Radar']) expect(within(nav).getByText(label)).toBeInTheDocument();
    await waitFor(() => expect(segments()).toEqual(expect.arrayContaining([TRUCKS, RADAR])));
    expect(refusals()).toEqual([]);
  });

  it('changes nothing without tenants in the config either', async () => {
    await renderPage('/luigi', { tenants: [], tenantsConfig: [] });
    const nav = await screen.findByTestId('luigi-nav');
    expect(within(nav).getByText('Radar')).toBeInTheDocument();
    expect(refusals()).toEqual([]);
  });
});
