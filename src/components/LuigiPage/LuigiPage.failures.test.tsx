import { Entity } from '@backstage/catalog-model';
import { configApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LuigiAccessClient, luigiAccessApiRef } from '../../access/luigiAccessApi';
import { luigiTokenSourceApiRef } from '../../auth/tokenSource';
import { accessApiAllowing } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const orders: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', title: 'Orders', annotations: { 'luigi-project.io/view-url': 'https://apps.example.com/orders/' } },
  spec: { owner: 'team-a' },
};

/** A failed request as Backstage's clients throw it (a ResponseError), stack included. */
function serverError(statusCode = 500, statusText = 'Internal Server Error') {
  return Object.assign(new Error(`Request failed with ${statusCode} ${statusText}`), {
    name: 'ResponseError',
    statusCode,
    statusText,
    stack: `ResponseError: Request failed with ${statusCode}\n    at CatalogClient.getEntities (CatalogClient.ts:10:5)`,
  });
}

/**
 * The luigi backend's client, its token route answering a Backstage error (as the backend's error
 * middleware writes it) with this status.
 */
function backendAnswering(statusCode: number, statusText: string, name: string, message: string) {
  const fetch = jest.fn(
    async () =>
      new Response(JSON.stringify({ error: { name, message }, response: { statusCode } }), {
        status: statusCode,
        statusText,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }),
  );
  return new LuigiAccessClient({ discoveryApi: { getBaseUrl: async () => 'http://localhost/api/luigi' }, fetchApi: { fetch } });
}

const AUDIENCE_REASON =
  'component:default/orders has an invalid luigi-project.io/token-audience: the token audience must not contain whitespace or control characters';

/** No stack frame, no source file name: what a user must never be shown. */
const STACK = /\bat \S+ \(|\.tsx?:\d+/;

async function renderPage({
  getEntities = jest.fn(async () => ({ items: [orders] })),
  identity = mockApis.identity({ userEntityRef: 'user:default/alice', ownershipEntityRefs: [] }),
  access = accessApiAllowing(),
} = {}) {
  const apis = [
    [catalogApiRef, { getEntities }],
    [configApiRef, mockApis.config({ data: { luigi: { allowedOrigins: ['https://apps.example.com'] } } })],
    [identityApiRef, identity],
    [luigiTokenSourceApiRef, { getToken: async () => ({ token: 'session', expiresAt: Date.now() + 600_000 }) }],
    [luigiAccessApiRef, access],
  ] as const;
  await renderInTestApp(
    <TestApiProvider apis={apis}>
      <LuigiPage />
    </TestApiProvider>,
    { routeEntries: ['/luigi#/orders'] },
  );
  return { getEntities, access };
}

describe('LuigiPage when something fails', () => {
  it('says the catalog failed, without a stack, and loads the micro apps on retry', async () => {
    const getEntities = jest.fn().mockRejectedValueOnce(serverError()).mockResolvedValue({ items: [orders] });
    await renderPage({ getEntities });
    const panel = await screen.findByTestId('luigi-catalog-error');
    expect(panel).toHaveTextContent('Could not load the micro apps');
    expect(panel).toHaveTextContent('Details: HTTP 500 Internal Server Error');
    expect(document.body.textContent).not.toMatch(STACK);

    await userEvent.click(screen.getByTestId('luigi-catalog-retry'));
    expect(await screen.findByTestId('luigi-nav-orders')).toBeInTheDocument();
    expect(screen.queryByTestId('luigi-catalog-error')).toBeNull();
    expect(getEntities).toHaveBeenCalledTimes(2);
  });

  it('says a micro app got no token when the token route fails, and gets one on retry', async () => {
    const access = accessApiAllowing();
    const issue = access.issueToken;
    access.issueToken = jest.fn().mockRejectedValueOnce(serverError()).mockImplementation(issue);
    await renderPage({ access });
    await waitFor(() => expect(mockCore.nodes().some(node => node.pathSegment === 'orders')).toBe(true));
    const node = () => mockCore.nodes().find(candidate => candidate.pathSegment === 'orders')!;
    await frameAsksForContext(mockCore, node());
    const problem = await screen.findByTestId('luigi-app-token-problem');
    expect(problem).toHaveTextContent('The micro app "Orders" received no token');
    expect(problem).toHaveTextContent('Details: HTTP 500 Internal Server Error');
    expect(problem.textContent).not.toMatch(STACK);

    await userEvent.click(screen.getByTestId('luigi-token-retry'));
    // A fresh session: the micro app's frame asks again and gets its token.
    await screen.findByTestId('luigi-nav-orders');
    const { storeHeld } = await frameAsksForContext(mockCore, node());
    expect(storeHeld).toEqual(expect.objectContaining({ accessToken: 'token-for:component:default/orders#1' }));
    expect(screen.queryByTestId('luigi-app-token-problem')).toBeNull();
  });

  it("says why the backend refused a micro app its token (403), names it by its title, and offers no retry", async () => {
    const access = accessApiAllowing();
    const refusing = backendAnswering(403, 'Forbidden', 'NotAllowedError', AUDIENCE_REASON);
    access.issueToken = jest.fn(request => refusing.issueToken(request));
    await renderPage({ access });
    await waitFor(() => expect(mockCore.nodes().some(node => node.pathSegment === 'orders')).toBe(true));
    const { storeHeld } = await frameAsksForContext(mockCore, mockCore.nodes().find(node => node.pathSegment === 'orders')!);
    expect(storeHeld).toBeUndefined();
    const problem = await screen.findByTestId('luigi-app-token-problem');
    expect(problem).toHaveTextContent('The micro app "Orders" received no token');
    expect(problem).not.toHaveTextContent('component:default/orders received no token');
    expect(screen.getByTestId('luigi-failure-reason')).toHaveTextContent(`Reason: ${AUDIENCE_REASON}`);
    expect(problem).toHaveTextContent('Retrying will not change that');
    expect(problem).not.toHaveTextContent('Retry in a moment');
    expect(screen.queryByTestId('luigi-token-retry')).toBeNull();
    expect(problem.textContent).not.toMatch(STACK);
  });

  it('keeps the retry when the backend could not answer (503), and gets the token on retry', async () => {
    const access = accessApiAllowing();
    const issue = access.issueToken;
    const unavailable = backendAnswering(503, 'Service Unavailable', 'ServiceUnavailableError', 'the token minter is unavailable');
    access.issueToken = jest.fn().mockImplementationOnce(request => unavailable.issueToken(request)).mockImplementation(issue);
    await renderPage({ access });
    await waitFor(() => expect(mockCore.nodes().some(node => node.pathSegment === 'orders')).toBe(true));
    const node = () => mockCore.nodes().find(candidate => candidate.pathSegment === 'orders')!;
    await frameAsksForContext(mockCore, node());
    const problem = await screen.findByTestId('luigi-app-token-problem');
    expect(problem).toHaveTextContent('The micro app "Orders" received no token');
    expect(screen.getByTestId('luigi-failure-reason')).toHaveTextContent('Reason: the token minter is unavailable');
    expect(problem).toHaveTextContent('Details: HTTP 503 Service Unavailable');

    await userEvent.click(screen.getByTestId('luigi-token-retry'));
    await screen.findByTestId('luigi-nav-orders');
    const { storeHeld } = await frameAsksForContext(mockCore, node());
    expect(storeHeld).toEqual(expect.objectContaining({ accessToken: 'token-for:component:default/orders#1' }));
    expect(screen.queryByTestId('luigi-app-token-problem')).toBeNull();
  });

  it("says the user's identity could not be read, and reads it again on retry", async () => {
    const identity = mockApis.identity({ userEntityRef: 'user:default/alice', ownershipEntityRefs: [] });
    const getProfileInfo = identity.getProfileInfo.bind(identity);
    jest
      .spyOn(identity, 'getProfileInfo')
      .mockRejectedValueOnce(new Error('identity service unavailable'))
      .mockImplementation(getProfileInfo);
    await renderPage({ identity });
    const panel = await screen.findByTestId('luigi-identity-problem');
    expect(panel).toHaveTextContent('Could not read who you are signed in as');
    expect(panel).toHaveTextContent('Details: identity service unavailable');
    expect(panel.textContent).not.toMatch(STACK);

    await userEvent.click(screen.getByTestId('luigi-token-retry'));
    await screen.findByTestId('luigi-nav-orders');
    await waitFor(() => expect(screen.queryByTestId('luigi-identity-problem')).toBeNull());
  });
});
