import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { configApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { luigiTokenSourceApiRef } from '../../auth/tokenSource';
import { luigiAccessApiRef } from '../../access/luigiAccessApi';
import { accessApiAllowing } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { renderEntityTab } from '../../testing/renderLuigi';
import { EntityLuigiContent } from './EntityLuigiContent';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const TRUSTED = 'https://apps.example.com';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders', title: 'Orders', annotations },
    spec: { owner: 'team-a', system: 'shop' },
  };
}

const ENTITY_PAGE = '/catalog/default/component/orders';

/** Shows the router's location, to check what the tab did to the URL, and goes Back. */
function Location() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <div data-testid="location">{`${location.pathname}${location.hash}`}</div>
      <button onClick={() => navigate(-1)}>Back</button>
    </>
  );
}

/** Renders the tab at `<entity page>/luigi`, as the entity page routes it, coming from the overview. */
async function renderTab(
  subject: Entity,
  path = `${ENTITY_PAGE}/luigi`,
  token: { token: string } | null = { token: 'token-1' },
) {
  const apis = [
    [configApiRef, mockApis.config({ data: { luigi: { allowedOrigins: [TRUSTED], loadTimeoutMs: 1000 } } })],
    [luigiTokenSourceApiRef, { getToken: async () => token ?? undefined }],
    [luigiAccessApiRef, accessApiAllowing()],
    // An admin: sees every configuration problem.
    [permissionApiRef, mockApis.permission()],
  ] as const;
  return renderInTestApp(
    <TestApiProvider apis={apis}>
      <EntityProvider entity={subject}>
        <Routes>
          <Route path="/catalog/:namespace/:kind/:name/luigi" element={<EntityLuigiContent />} />
          <Route path="*" element={<div>Overview</div>} />
        </Routes>
        <Location />
      </EntityProvider>
    </TestApiProvider>,
    { routeEntries: [ENTITY_PAGE, path] },
  );
}

const location = () => screen.getByTestId('location').textContent;

afterEach(() => {
  mockCore.navigated.length = 0;
});

describe('EntityLuigiContent (legacy frontend system)', () => {
  it('explains the missing annotation when the entity declares no micro frontend', async () => {
    await renderTab(entity({}));
    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(screen.getAllByText(/luigi-project\.io\/view-url/).length).toBeGreaterThan(0);
    expect(screen.queryByTestId('luigi-view')).not.toBeInTheDocument();
  });

  it('opens the only view at once, replacing the address so that Back leaves the tab', async () => {
    await renderTab(entity({ 'luigi-project.io/view-url': `${TRUSTED}/orders/` }));
    await waitFor(() => expect(location()).toBe(`${ENTITY_PAGE}/luigi#/orders`));
    expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'showing');
    expect(screen.queryByTestId('luigi-entity-tabs')).not.toBeInTheDocument();
    // Luigi is given this entity's view, with the entity in the node's context.
    await waitFor(() => expect(mockCore.nodes().map(n => n.pathSegment)).toEqual(['orders']));
    expect(mockCore.nodes()[0]).toMatchObject({
      viewUrl: `${TRUSTED}/orders/`,
      context: { entity: { ref: 'component:default/orders', title: 'Orders', owner: 'group:default/team-a' } },
    });

    await userEvent.click(screen.getByText('Back'));
    expect(location()).toBe(ENTITY_PAGE);
    expect(screen.getByText('Overview')).toBeInTheDocument();
  });

  it('shows several views as tabs that are links, opened through Luigi', async () => {
    await renderTab(
      entity({
        'luigi-project.io/view-url': `${TRUSTED}/orders/`,
        'luigi-project.io/views': `Settings=${TRUSTED}/orders/settings\nBuild & Deploy=${TRUSTED}/deploy/`,
      }),
      `${ENTITY_PAGE}/luigi#/orders~settings`,
    );
    const tabs = within(screen.getByTestId('luigi-entity-tabs')).getAllByRole('tab');
    expect(tabs.map(tab => [tab.textContent, tab.getAttribute('href')])).toEqual([
      ['Orders', '#/orders'],
      ['Settings', '#/orders~settings'],
      ['Build & Deploy', '#/orders~build-deploy'],
    ]);
    // The view named in the URL is kept and selected.
    expect(location()).toBe(`${ENTITY_PAGE}/luigi#/orders~settings`);
    expect(tabs[1]).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(mockCore.nodes()).toHaveLength(3));

    await userEvent.click(tabs[2]);
    expect(mockCore.navigated).toEqual(['/orders~build-deploy']);
  });

  it('hides a bad view with its reason and keeps the others', async () => {
    await renderTab(
      entity({
        'luigi-project.io/view-url': `${TRUSTED}/orders/`,
        'luigi-project.io/views': `Evil=https://evil.example.net/x/\nStock=${TRUSTED}/stock/`,
      }),
    );
    const diagnostics = screen.getByTestId('luigi-diagnostics');
    expect(diagnostics).toHaveTextContent('1 micro frontend configuration problem');
    await userEvent.click(within(diagnostics).getByText(/configuration problem/));
    expect(within(diagnostics).getByTestId('luigi-rejected')).toHaveTextContent(
      'Evil (luigi-project.io/views): origin https://evil.example.net is not in luigi.allowedOrigins',
    );
    const tabs = within(screen.getByTestId('luigi-entity-tabs')).getAllByRole('tab');
    expect(tabs.map(tab => tab.textContent)).toEqual(['Orders', 'Stock']);
    await waitFor(() => expect(mockCore.nodes().map(n => n.viewUrl)).not.toContain('https://evil.example.net/x/'));
  });

  it('warns that micro frontends get no token when there is no valid one', async () => {
    await renderTab(entity({ 'luigi-project.io/view-url': `${TRUSTED}/orders/` }), undefined, null);
    expect(await screen.findByTestId('luigi-token-problem')).toHaveTextContent(
      'micro apps no longer receive a token',
    );
  });

  it("names the micro app by its entity's title and gives the backend's reason for a refused token, with no retry", async () => {
    const reason = 'component:default/orders has no valid micro frontend registration: Micro frontend not shown: luigi-project.io/tenant: not yours';
    const access = accessApiAllowing();
    access.issueToken = async () => {
      const body = JSON.stringify({ error: { name: 'NotAllowedError', message: reason }, response: { statusCode: 403 } });
      throw await ResponseError.fromResponse(
        new Response(body, { status: 403, statusText: 'Forbidden', headers: { 'content-type': 'application/json' } }),
      );
    };
    await renderEntityTab(entity({ 'luigi-project.io/view-url': `${TRUSTED}/orders/` }), { access, luigi: { allowedOrigins: [TRUSTED] } });
    await waitFor(() => expect(mockCore.nodes().some(node => node.pathSegment === 'orders')).toBe(true));
    const { frame, storeHeld } = await frameAsksForContext(mockCore, mockCore.nodes().find(node => node.pathSegment === 'orders')!);
    expect(storeHeld).toBeUndefined();
    const problem = await screen.findByTestId('luigi-app-token-problem');
    expect(problem).toHaveTextContent('The micro app "Orders" received no token');
    expect(screen.getByTestId('luigi-failure-reason')).toHaveTextContent(`Reason: ${reason}`);
    expect(screen.queryByTestId('luigi-token-retry')).toBeNull();
    frame.remove();
  });

  it('shows no Luigi view when every declared view is refused', async () => {
    await renderTab(entity({ 'luigi-project.io/view-url': 'javascript:alert(1)' }));
    expect(screen.getByText('No micro frontend to show')).toBeInTheDocument();
    expect(screen.queryByTestId('luigi-view')).not.toBeInTheDocument();
    // Nothing to open, so the address is left alone.
    await act(() => new Promise(resolve => setTimeout(resolve, 0)));
    expect(location()).toBe(`${ENTITY_PAGE}/luigi`);
  });
});
