import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { TestTenant } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { renderEntityTab } from '../../testing/renderLuigi';
import { APPS, LOGISTICS, LOGISTICS_CONFIG, OTHER, RETAIL, RETAIL_CONFIG, tenantEntity } from '../../testing/tenants';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

/** An entity with its `view-url` view at `origin`, a Radar view outside the logistics tenant's origins, and a Stock view inside. */
function entity(namespace: string, origin = APPS): Entity {
  return tenantEntity(namespace, 'trucks', {
    origin,
    annotations: { 'luigi-project.io/views': `Radar=${OTHER}/radar/\nStock=${APPS}/stock/` },
  });
}

const REASON = `origin ${OTHER} is not in the allowed origins of tenant logistics`;

function Location() {
  const location = useLocation();
  return <div data-testid="location">{location.hash}</div>;
}

async function renderTab(subject: Entity, options: { tenants?: TestTenant[]; hash?: string } = {}) {
  const { access } = await renderEntityTab(subject, {
    tenants: options.tenants ?? [RETAIL, LOGISTICS],
    luigi: { allowedOrigins: [APPS, OTHER], tenants: [RETAIL_CONFIG, LOGISTICS_CONFIG] },
    hash: options.hash,
    children: <Location />,
  });
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
