import { Entity } from '@backstage/catalog-model';
import { configApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LuigiAccessDecisions } from 'backstage-plugin-luigi-common';
import { LuigiAccessApi, luigiAccessApiRef } from '../../access/luigiAccessApi';
import { luigiTokenSourceApiRef } from '../../auth/tokenSource';
import { accessApiAllowing } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { EntityLuigiContent } from '../EntityLuigiContent';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

function entity(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, title: name[0].toUpperCase() + name.slice(1), annotations: { 'luigi-project.io/view-url': `https://apps.example.com/${name}/` } },
    spec: { owner },
  };
}

const orders = entity('orders', 'group:default/team-orders');
const billing = entity('billing', 'group:default/team-billing');
const BOB = 'user:default/bob';
const REQUEST_ACCESS = 'https://access.example.com/request?app={entityRef}&who={userEntityRef}';

/** Bob's view: billing's apps only, as the dev portal's policy has it. */
const onlyBilling = () => accessApiAllowing(ref => ref === 'component:default/billing');

function apis(access: LuigiAccessApi) {
  return [
    [catalogApiRef, { getEntities: async () => ({ items: [orders, billing] }) }],
    [
      configApiRef,
      mockApis.config({
        data: { luigi: { allowedOrigins: ['https://apps.example.com'], access: { requestAccessUrl: REQUEST_ACCESS } } },
      }),
    ],
    [identityApiRef, mockApis.identity({ userEntityRef: BOB, ownershipEntityRefs: ['group:default/team-billing'] })],
    [luigiTokenSourceApiRef, { getToken: async () => ({ token: 't' }) }],
    [luigiAccessApiRef, access],
  ] as const;
}

async function renderPage(access: LuigiAccessApi, path = '/luigi') {
  await renderInTestApp(
    <TestApiProvider apis={apis(access)}>
      <LuigiPage />
    </TestApiProvider>,
    { routeEntries: [path], mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('LuigiPage access', () => {
  it("asks the backend about the catalog's micro apps and shows only those the user may open", async () => {
    const access = onlyBilling();
    await renderPage(access);
    const nav = await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(within(nav).getByText('Billing')).toBeInTheDocument());
    expect(within(nav).queryByText('Orders')).toBeNull();
    expect(access.asked.map(refs => [...refs].sort())).toEqual([['component:default/billing', 'component:default/orders']]);
    // Luigi never gets a node for the denied app, so nothing can frame it.
    await waitFor(() => expect(mockCore.setConfig).toHaveBeenCalled());
    expect(mockCore.nodes().map(node => node.viewUrl)).toEqual(['https://apps.example.com/billing/']);
  });

  it('answers a deep link to a denied app with its owner and the request-access link, and no frame', async () => {
    await renderPage(onlyBilling(), '/luigi#/orders');
    const panel = await screen.findByTestId('luigi-access-denied');
    expect(panel).toHaveTextContent('You may not open Orders');
    expect(within(screen.getByTestId('luigi-access-owner')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/team-orders',
    );
    expect(screen.getByTestId('luigi-request-access')).toHaveAttribute(
      'href',
      `https://access.example.com/request?app=${encodeURIComponent('component:default/orders')}&who=${encodeURIComponent(BOB)}`,
    );
    expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'denied');
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('denies everything, visibly, when deciding fails, and decides again on retry', async () => {
    let failing = true;
    const allowing = accessApiAllowing();
    const flaky: LuigiAccessApi = {
      ...allowing,
      issueToken: request => allowing.issueToken(request),
      decide: async refs => {
        if (failing) throw new Error('luigi backend unreachable');
        return allowing.decide(refs);
      },
    };
    await renderPage(flaky, '/luigi#/orders');
    expect(await screen.findByTestId('luigi-access-error')).toHaveTextContent('luigi backend unreachable');
    expect(screen.queryByTestId('luigi-nav')).toBeNull();
    expect(screen.queryByTestId('luigi-view')).toBeNull();
    failing = false;
    await userEvent.click(screen.getByTestId('luigi-access-retry'));
    const nav = await screen.findByTestId('luigi-nav');
    expect(within(nav).getByText('Orders')).toBeInTheDocument();
    expect(screen.queryByTestId('luigi-access-error')).toBeNull();
  });

  it('tells admins when the permission framework is off, and opens nothing', async () => {
    const closed: LuigiAccessApi = {
      ...accessApiAllowing(),
      issueToken: async () => {
        throw new Error('403: the permission framework is off');
      },
      decide: async (refs): Promise<LuigiAccessDecisions> => ({
        mode: 'closed',
        decisions: refs.map(entityRef => ({ entityRef, result: 'deny', reason: 'permission-framework-disabled' })),
      }),
    };
    await renderPage(closed, '/luigi#/billing');
    expect(await screen.findByTestId('luigi-access-mode')).toHaveTextContent('permission.enabled');
    expect(await screen.findByTestId('luigi-access-denied')).toHaveTextContent('not set up access');
  });

  it('warns admins when app-config opens every micro app to every signed-in user, and opens them', async () => {
    const allowing = accessApiAllowing();
    const open: LuigiAccessApi = {
      ...allowing,
      issueToken: request => allowing.issueToken(request),
      decide: async (refs): Promise<LuigiAccessDecisions> => ({
        mode: 'open-to-every-signed-in-user',
        decisions: refs.map(entityRef => ({ entityRef, result: 'allow' })),
      }),
    };
    await renderPage(open, '/luigi#/orders');
    expect(await screen.findByTestId('luigi-access-mode')).toHaveTextContent(
      'Every signed-in user may open every micro app',
    );
    expect(screen.getByTestId('luigi-access-mode')).toHaveTextContent('luigi.access.openToEverySignedInUser');
    const nav = await screen.findByTestId('luigi-nav');
    expect(within(nav).getByText('Orders')).toBeInTheDocument();
    expect(within(nav).getByText('Billing')).toBeInTheDocument();
    expect(screen.queryByTestId('luigi-access-denied')).toBeNull();
  });
});

describe('EntityLuigiContent access', () => {
  async function renderTab(access: LuigiAccessApi, subject: Entity) {
    await renderInTestApp(
      <TestApiProvider apis={apis(access)}>
        <EntityProvider entity={subject}>
          <EntityLuigiContent />
        </EntityProvider>
      </TestApiProvider>,
      { routeEntries: ['/catalog/default/component/x/luigi'], mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
  }

  it('shows the denied panel, and no view, for an entity the user may not open', async () => {
    await renderTab(onlyBilling(), orders);
    expect(await screen.findByTestId('luigi-access-denied')).toHaveTextContent('You may not open Orders');
    expect(screen.queryByTestId('luigi-entity-content')).toBeNull();
    expect(screen.queryByTestId('luigi-view')).toBeNull();
  });

  it('shows the micro frontend of an entity the user may open', async () => {
    await renderTab(onlyBilling(), billing);
    expect(await screen.findByTestId('luigi-entity-content')).toBeInTheDocument();
    expect(screen.queryByTestId('luigi-access-denied')).toBeNull();
  });
});
