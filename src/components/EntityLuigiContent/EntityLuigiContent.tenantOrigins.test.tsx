import { Entity } from '@backstage/catalog-model';
import { configApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { luigiAccessApiRef } from '../../access/luigiAccessApi';
import { luigiTokenSourceApiRef } from '../../auth/tokenSource';
import { accessApiAllowing, TestTenant } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { EntityLuigiContent } from './EntityLuigiContent';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const APPS = 'https://apps.example.com';
const OTHER = 'https://other.example.com';

/** An entity with its `view-url` view at `origin`, a Radar view outside the logistics tenant's origins, and a Stock view inside. */
function entity(namespace: string, origin = APPS): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      namespace,
      name: 'trucks',
      title: 'Trucks',
      annotations: {
        'luigi-project.io/view-url': `${origin}/trucks/`,
        'luigi-project.io/views': `Radar=${OTHER}/radar/\nStock=${APPS}/stock/`,
      },
    },
    spec: { owner: 'team-a' },
  };
}

const inNamespace = (namespace: string) => (ref: string) => ref.includes(`:${namespace}/`);
const TENANTS: TestTenant[] = [
  { id: 'retail', title: 'Retail', members: inNamespace('default') },
  { id: 'logistics', title: 'Logistics', members: inNamespace('logistics') },
];
const TENANTS_CONFIG = [
  { id: 'retail', namespaces: ['default'] },
  { id: 'logistics', namespaces: ['logistics'], allowedOrigins: [APPS] },
];
const REASON = `origin ${OTHER} is not in the allowed origins of tenant logistics`;

function Location() {
  const location = useLocation();
  return <div data-testid="location">{location.hash}</div>;
}

async function renderTab(subject: Entity, options: { tenants?: TestTenant[]; hash?: string } = {}) {
  const access = accessApiAllowing(undefined, { tenants: options.tenants ?? TENANTS });
  const { namespace, name } = subject.metadata;
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [configApiRef, mockApis.config({ data: { luigi: { allowedOrigins: [APPS, OTHER], tenants: TENANTS_CONFIG } } })],
        [identityApiRef, mockApis.identity({ userEntityRef: 'user:default/alice' })],
        [luigiTokenSourceApiRef, { getToken: async () => ({ token: 't', expiresAt: Date.now() + 600_000 }) }],
        [luigiAccessApiRef, access],
      ]}
    >
      <EntityProvider entity={subject}>
        <EntityLuigiContent />
        <Location />
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: [`/catalog/${namespace}/component/${name}/luigi${options.hash ?? ''}`],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return access;
}

const viewUrls = () => mockCore.nodes().map(node => node.viewUrl);
const refusals = () => screen.queryAllByTestId('luigi-rejected').map(item => item.textContent);

afterEach(() => document.querySelectorAll('iframe').forEach(frame => frame.remove()));

describe('EntityLuigiContent in a tenant with its own allowed origins', () => {
  it('drops only the view outside them, listed as refused with the reason; the other views work', async () => {
    const access = await renderTab(entity('logistics'));
    const tabs = within(await screen.findByTestId('luigi-entity-tabs')).getAllByRole('tab');
    expect(tabs.map(tab => tab.textContent)).toEqual(['Trucks', 'Stock']);
    expect(refusals()).toEqual([`Radar (luigi-project.io/views): ${REASON}`]);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('#/component~logistics~trucks'));
    await waitFor(() => expect(viewUrls()).toEqual([`${APPS}/trucks/`, `${APPS}/stock/`]));

    const { frame, storeHeld } = await frameAsksForContext(mockCore, mockCore.nodes()[0]);
    expect(storeHeld).toEqual(expect.objectContaining({ accessToken: 'token-for:component:logistics/trucks#1' }));
    expect(access.requests).toEqual([{ entityRef: 'component:logistics/trucks', tenant: 'logistics', purpose: 'open' }]);
    frame.remove();
  });

  it('opens the first view the tenant may frame when the first declared one is outside them', async () => {
    await renderTab(entity('logistics', OTHER));
    await screen.findByTestId('luigi-entity-content');
    expect(refusals()).toEqual([`Trucks (luigi-project.io/view-url): ${REASON}`, `Radar (luigi-project.io/views): ${REASON}`]);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('#/component~logistics~trucks~stock'));
    await waitFor(() => expect(viewUrls()).toEqual([`${APPS}/stock/`]));
    expect(screen.getByTestId('luigi-view')).not.toHaveAttribute('data-state', 'not-found');
  });

  it('frames nothing for a deep link to a view outside them', async () => {
    const access = await renderTab(entity('logistics'), { hash: '#/component~logistics~trucks~radar' });
    await screen.findByTestId('luigi-entity-content');
    await waitFor(() => expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'not-found'));
    await waitFor(() => expect(viewUrls()).toHaveLength(2));
    expect(viewUrls()).not.toContain(`${OTHER}/radar/`);
    expect(access.requests).toEqual([]);
  });
});

describe('EntityLuigiContent without narrowed origins', () => {
  it('changes nothing in a tenant without its own origins', async () => {
    await renderTab(entity('default'));
    const tabs = within(await screen.findByTestId('luigi-entity-tabs')).getAllByRole('tab');
    expect(tabs.map(tab => tab.textContent)).toEqual(['Trucks', 'Radar', 'Stock']);
    await waitFor(() => expect(viewUrls()).toHaveLength(3));
    expect(refusals()).toEqual([]);
  });

  it('changes nothing without tenants, even with tenants in the config', async () => {
    await renderTab(entity('logistics'), { tenants: [] });
    const tabs = within(await screen.findByTestId('luigi-entity-tabs')).getAllByRole('tab');
    expect(tabs.map(tab => tab.textContent)).toEqual(['Trucks', 'Radar', 'Stock']);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('#/component~logistics~trucks'));
    await waitFor(() => expect(viewUrls()).toHaveLength(3));
    expect(refusals()).toEqual([]);
  });
});
