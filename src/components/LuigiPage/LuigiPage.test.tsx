import { Entity } from '@backstage/catalog-model';
import { configApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { LuigiToken, luigiTokenSourceApiRef } from '../../auth/tokenSource';
import { luigiAccessApiRef } from '../../access/luigiAccessApi';
import { accessApiAllowing } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { Link } from 'react-router-dom';
import { LuigiPage } from './LuigiPage';
import userEvent from '@testing-library/user-event';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

function entity(name: string, viewUrl: string, extra: { title?: string; category?: string; system?: string } = {}): Entity {
  const annotations: Record<string, string> = { 'luigi-project.io/view-url': viewUrl };
  if (extra.category) annotations['luigi-project.io/category'] = extra.category;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, title: extra.title, annotations },
    spec: { owner: 'team-a', system: extra.system },
  };
}

async function renderPage(options: {
  entities?: Entity[];
  catalogError?: Error;
  token?: LuigiToken;
  path?: string;
  tokenMode?: 'per-micro-app' | 'token-source';
  /** Entities whose token the backend refuses. */
  tokenRefused?: string[];
}) {
  const access = accessApiAllowing();
  const issueToken = access.issueToken;
  access.issueToken = async request => {
    if (options.tokenRefused?.includes(request.entityRef)) throw new Error(`403: may not open ${request.entityRef}`);
    return issueToken(request);
  };
  const getEntities = jest.fn(async () => {
    if (options.catalogError) throw options.catalogError;
    return { items: options.entities ?? [] };
  });
  const apis = [
    [catalogApiRef, { getEntities }],
    [
      configApiRef,
      mockApis.config({
        data: { luigi: { allowedOrigins: ['https://apps.example.com'], tokens: { mode: options.tokenMode } } },
      }),
    ],
    [identityApiRef, mockApis.identity({ userEntityRef: 'user:default/alice', ownershipEntityRefs: ['group:default/team-a'], displayName: 'Alice' })],
    [luigiTokenSourceApiRef, { getToken: async () => options.token }],
    [luigiAccessApiRef, access],
    // An admin: sees every configuration problem.
    [permissionApiRef, mockApis.permission()],
  ] as const;
  await renderInTestApp(
    <TestApiProvider apis={apis}>
      <LuigiPage />
      <Link to="/luigi#/billing">host link to billing</Link>
    </TestApiProvider>,
    { routeEntries: [options.path ?? '/luigi'] },
  );
  return { getEntities, access };
}

const entities = [
  entity('orders', 'https://apps.example.com/orders/', { title: 'Orders', system: 'commerce' }),
  entity('billing', 'https://apps.example.com/billing/', { title: 'Billing', category: 'Finance' }),
  entity('evil', 'https://evil.example.net/x/', { title: '<b>Evil</b>' }),
];

describe('LuigiPage', () => {
  it('asks the catalog only for annotated entities and only the fields it needs', async () => {
    const { getEntities } = await renderPage({ entities, token: { token: 't' } });
    await screen.findByText('Orders');
    expect(getEntities).toHaveBeenCalledWith({
      filter: { 'metadata.annotations.luigi-project.io/view-url': expect.anything() },
      fields: expect.arrayContaining(['kind', 'metadata.name', 'metadata.annotations.luigi-project.io/view-url', 'spec.system']),
    });
    const { fields } = (getEntities.mock.calls[0] as any)[0];
    expect(fields).not.toContain('spec');
    // Only the plugin's own annotations: the catalog's (locations, source) are never fetched.
    expect(fields).not.toContain('metadata.annotations');
    expect(fields.filter((field: string) => field.startsWith('metadata.annotations.')).every((field: string) => field.startsWith('metadata.annotations.luigi-project.io/'))).toBe(true);
  });

  it('lists micro apps by category and refused entities with their reason, as text', async () => {
    await renderPage({ entities, token: { token: 't' } });
    const nav = await screen.findByTestId('luigi-nav');
    expect(within(nav).getByText('Commerce')).toBeInTheDocument();
    expect(within(nav).getByText('Finance')).toBeInTheDocument();
    expect(within(nav).getByTestId('luigi-nav-orders')).toHaveAttribute('href', '#/orders');
    expect(within(nav).queryByText('<b>Evil</b>')).toBeNull();
    const refused = screen.getByTestId('luigi-rejected');
    expect(refused).toHaveTextContent(
      '<b>Evil</b> (component:default/evil): origin https://evil.example.net is not in luigi.allowedOrigins',
    );
    expect(refused.querySelector('b')).toBeNull();
  });

  it("gives each micro app frame its own token from the backend, and the token source's to none", async () => {
    const { access } = await renderPage({
      entities,
      token: { token: 'session-token', expiresAt: Date.now() + 600_000 },
      path: '/luigi#/orders',
    });
    await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(mockCore.setConfig).toHaveBeenCalled());
    // Luigi's global context: from its config at start, from setGlobalContext afterwards.
    const globalContext = () => mockCore.setGlobalContext.mock.calls.at(-1)?.[0] ?? mockCore.config.navigation.globalContext;
    await waitFor(() =>
      expect(globalContext()).toEqual({
        user: expect.objectContaining({ userEntityRef: 'user:default/alice' }),
        // The portal's look: Backstage's light theme, and English where the app sets no language.
        theme: { id: 'light', variant: 'light' },
        locale: 'en',
      }),
    );
    const orders = mockCore.nodes().find(node => node.pathSegment === 'orders')!;
    const { frame, storeHeld } = await frameAsksForContext(mockCore, orders);
    expect(access.issued).toEqual(['component:default/orders']);
    expect(storeHeld).toEqual(expect.objectContaining({ accessToken: 'token-for:component:default/orders#1' }));
    expect(JSON.parse(JSON.stringify(orders.context))).toEqual(
      expect.objectContaining({ token: 'token-for:component:default/orders#1', tokenStatus: 'valid' }),
    );
    const billing = mockCore.nodes().find(node => node.pathSegment === 'billing')!;
    expect(JSON.parse(JSON.stringify(billing.context))).toEqual(expect.objectContaining({ tokenStatus: 'missing' }));
    expect(JSON.stringify([mockCore.setGlobalContext.mock.calls, globalContext()])).not.toContain('session-token');
    expect(JSON.stringify(mockCore.authStore.setAuthData.mock.calls)).not.toContain('session-token');
    frame.remove();
  });

  it('says which micro app the backend refused a token, and why, and gives its frame none', async () => {
    await renderPage({
      entities,
      token: { token: 'session-token', expiresAt: Date.now() + 600_000 },
      path: '/luigi#/billing',
      tokenRefused: ['component:default/billing'],
    });
    await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(mockCore.setConfig).toHaveBeenCalled());
    const billing = mockCore.nodes().find(node => node.pathSegment === 'billing')!;
    const { frame, storeHeld } = await frameAsksForContext(mockCore, billing);
    expect(storeHeld).toBeUndefined();
    const problem = await screen.findByTestId('luigi-app-token-problem');
    expect(problem).toHaveTextContent('The micro app "Billing" received no token');
    expect(problem).toHaveTextContent('403: may not open component:default/billing');
    expect(JSON.parse(JSON.stringify(billing.context))).toEqual(expect.objectContaining({ tokenStatus: 'missing' }));
    frame.remove();
  });

  it('hands Luigi only the valid apps, the user and the token, with nothing in browser storage', async () => {
    await renderPage({ entities, token: { token: 'token-1', expiresAt: Date.now() + 600_000 }, tokenMode: 'token-source' });
    await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(mockCore.setConfig).toHaveBeenCalled());
    const config = mockCore.setConfig.mock.calls[0][0] as any;
    expect(config.auth).toEqual({ storage: 'none' });
    expect(config.settings).toMatchObject({ hideNavigation: true, header: { disabled: true } });
    expect(config.routing.useHashRouting).toBe(true);
    expect(mockCore.nodes().map(node => node.viewUrl).sort()).toEqual([
      'https://apps.example.com/billing/',
      'https://apps.example.com/orders/',
    ]);
    await waitFor(() =>
      expect(mockCore.setGlobalContext).toHaveBeenLastCalledWith(
        expect.objectContaining({
          user: expect.objectContaining({ userEntityRef: 'user:default/alice' }),
          token: 'token-1',
          tokenStatus: 'valid',
        }),
        false,
      ),
    );
    expect(mockCore.authStore.setAuthData).toHaveBeenLastCalledWith(
      expect.objectContaining({ accessToken: 'token-1' }),
    );
  });

  it('routes Luigi when a host router link changes the hash of the page already shown', async () => {
    await renderPage({ entities, token: { token: 't' }, path: '/luigi#/orders' });
    await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(mockCore.setConfig).toHaveBeenCalled());
    const posted = jest.spyOn(window, 'postMessage');
    await userEvent.click(screen.getByText('host link to billing'));
    await waitFor(() =>
      expect(posted).toHaveBeenCalledWith({ msg: 'refreshRoute' }, window.location.origin),
    );
    posted.mockRestore();
  });

  it('warns with a sign-in action when there is no valid token', async () => {
    await renderPage({ entities, token: undefined });
    expect(await screen.findByTestId('luigi-token-problem')).toHaveTextContent(
      'micro apps no longer receive a token',
    );
  });

  it('points to the annotation when no micro app exists yet', async () => {
    await renderPage({ entities: [], token: { token: 't' } });
    expect(await screen.findByText('No micro apps yet')).toBeInTheDocument();
    expect(screen.getByText(/luigi-project\.io\/view-url/)).toBeInTheDocument();
  });

  it('shows the catalog error in a Backstage error panel', async () => {
    await renderPage({ catalogError: new Error('catalog is down'), token: { token: 't' } });
    expect((await screen.findAllByText(/catalog is down/)).length).toBeGreaterThan(0);
  });
});
