import { screen, waitFor, within } from '@testing-library/react';
import { componentEntity } from '../../testing/componentEntity';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { renderWithLuigiApis } from '../../testing/renderLuigi';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const ALLOWED = 'https://apps.example.com';

// Orders shows its main view; of its further views, Settings is fine and Untrusted is off the allowlist.
const orders = componentEntity('orders', {
  'luigi-project.io/view-url': `${ALLOWED}/orders/`,
  'luigi-project.io/views': `Settings=${ALLOWED}/orders/settings\nUntrusted=http://localhost:7200/recorder/\nno label`,
});
const billing = componentEntity('billing', { 'luigi-project.io/view-url': `${ALLOWED}/billing/` });

describe('LuigiPage given an app with refused further views', () => {
  it('lists each refused view with its reason among the problems, and still lists and frames the app', async () => {
    await renderWithLuigiApis(<LuigiPage />, '/luigi', { entities: [orders, billing], luigi: { allowedOrigins: [ALLOWED] } });
    const nav = await screen.findByTestId('luigi-nav');
    expect(within(nav).getByTestId('luigi-nav-orders')).toHaveTextContent('Orders');
    await waitFor(() => expect(mockCore.nodes().map(node => node.viewUrl)).toContain(`${ALLOWED}/orders/`));

    const diagnostics = screen.getByTestId('luigi-diagnostics');
    expect(diagnostics).toHaveTextContent('2 micro app configuration problems');
    // In the order the entity's tab lists them: entries it cannot read first, then refused URLs.
    expect(within(diagnostics).getAllByTestId('luigi-rejected').map(item => item.textContent)).toEqual([
      'Orders (component:default/orders), view "no label": "no label" is not of the form Label=https://…',
      'Orders (component:default/orders), view "Untrusted": origin http://localhost:7200 is not in luigi.allowedOrigins',
    ]);
    // The view's label is entity text: isolated on its own, as the title and the reason are.
    const untrusted = within(diagnostics).getAllByTestId('luigi-rejected')[1];
    expect([...untrusted.querySelectorAll('bdi')].map(element => element.textContent)).toEqual([
      'Orders',
      'component:default/orders',
      'Untrusted',
      'origin http://localhost:7200 is not in luigi.allowedOrigins',
    ]);
  });

  it('lists nothing for an app whose further views are all fine', async () => {
    const fine = componentEntity('fine', {
      'luigi-project.io/view-url': `${ALLOWED}/fine/`,
      'luigi-project.io/views': `Settings=${ALLOWED}/fine/settings`,
    });
    await renderWithLuigiApis(<LuigiPage />, '/luigi', { entities: [fine], luigi: { allowedOrigins: [ALLOWED] } });
    await screen.findByTestId('luigi-nav-fine');
    expect(screen.queryByTestId('luigi-diagnostics')).toBeNull();
  });
});
