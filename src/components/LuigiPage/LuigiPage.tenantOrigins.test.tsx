import { screen, waitFor, within } from '@testing-library/react';
import { setCurrentTenant } from '../../tenants/currentTenant';
import { TestTenant } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { renderWithLuigiApis } from '../../testing/renderLuigi';
import { APPS, LOGISTICS, LOGISTICS_CONFIG, OTHER, RETAIL, RETAIL_CONFIG, tenantEntity } from '../../testing/tenants';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

// Both origins are in the global allowlist; logistics narrows it to APPS, retail keeps it whole.
const entities = [
  tenantEntity('default', 'orders', { origin: APPS }),
  tenantEntity('default', 'billing', { origin: OTHER }),
  tenantEntity('logistics', 'trucks', { origin: APPS }),
  tenantEntity('logistics', 'radar', { origin: OTHER }),
];
const TENANTS = [RETAIL, LOGISTICS];
const TENANTS_CONFIG = [RETAIL_CONFIG, LOGISTICS_CONFIG];
const TRUCKS = 'component~logistics~trucks';
const RADAR = 'component~logistics~radar';
const OUTSIDE = `Radar (component:logistics/radar): origin ${OTHER} is not in the allowed origins of tenant logistics`;

async function renderPage(path: string, options: { tenants?: TestTenant[]; tenantsConfig?: object[] } = {}) {
  const { access } = await renderWithLuigiApis(<LuigiPage />, path, {
    entities,
    tenants: options.tenants ?? TENANTS,
    luigi: { allowedOrigins: [APPS, OTHER], tenants: options.tenantsConfig ?? TENANTS_CONFIG },
  });
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
