import { AnalyticsApi } from '@backstage/core-plugin-api';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { setCurrentTenant } from '../../tenants/currentTenant';
import { accessApiAllowing } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { LuigiApisOptions, renderWithLuigiApis, SOURCE_TOKEN } from '../../testing/renderLuigi';
import { LOGISTICS, RETAIL, SECRET, tenantEntity } from '../../testing/tenants';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

// Retail: the default namespace; logistics: its own; secret: one the user may not enter; loose: no tenant.
const entities = [
  tenantEntity('default', 'orders'),
  tenantEntity('default', 'billing'),
  tenantEntity('logistics', 'trucks'),
  tenantEntity('secret', 'vault'),
  tenantEntity('misc', 'loose'),
];
const TENANTS = [RETAIL, LOGISTICS, SECRET];
const TRUCKS_SEGMENT = 'component~logistics~trucks';

function Location() {
  const location = useLocation();
  return <div data-testid="location">{`${location.pathname}${location.search}${location.hash}`}</div>;
}

const location = () => screen.getByTestId('location').textContent;

function renderPage(path: string, options: Pick<LuigiApisOptions, 'access' | 'analytics' | 'luigi'> = {}) {
  return renderWithLuigiApis(
    <>
      <LuigiPage />
      <Location />
    </>,
    path,
    { entities, tenants: TENANTS, ...options },
  );
}

const nodeNamed = (segment: string) => mockCore.nodes().find(node => node.pathSegment === segment)!;
const contextOf = (node: object) => JSON.parse(JSON.stringify((node as { context: object }).context));
const events = (analytics: AnalyticsApi) => (analytics.captureEvent as jest.Mock).mock.calls.map(([event]) => event);

afterEach(() => {
  setCurrentTenant(undefined);
  document.querySelectorAll('iframe').forEach(frame => frame.remove());
});

describe('LuigiPage with tenants', () => {
  it('without a tenant in the URL shows the first the user may enter, and leaves the URL alone', async () => {
    const access = accessApiAllowing(undefined, { tenants: TENANTS });
    await renderPage('/luigi', { access });
    const nav = await screen.findByTestId('luigi-nav');
    expect(within(nav).getByText('Orders')).toBeInTheDocument();
    expect(within(nav).getByText('Billing')).toBeInTheDocument();
    // Another tenant's apps and apps of no tenant are not listed, not even as denied.
    expect(within(nav).queryByText('Trucks')).toBeNull();
    expect(within(nav).queryByText('Loose')).toBeNull();
    expect(access.entered).toEqual([{ tenant: 'retail' }]);
    expect(access.decided.map(d => d.tenant)).toEqual(['retail']);
    expect(location()).toBe('/luigi');
  });

  it('offers a switcher of the tenants the user may enter, by title, only when there are several', async () => {
    await renderPage('/luigi');
    const switcher = await screen.findByTestId('luigi-tenant-switcher');
    expect(within(switcher).getAllByRole('option').map(option => option.textContent)).toEqual(['Retail', 'Logistics']);
    expect(switcher).toHaveValue('retail');
  });

  it('shows no switcher when the user may enter one tenant only', async () => {
    await renderPage('/luigi', { access: accessApiAllowing(undefined, { tenants: [RETAIL, SECRET] }) });
    await screen.findByTestId('luigi-nav');
    expect(screen.queryByTestId('luigi-tenant-switcher')).toBeNull();
  });

  it("shows the tenant the URL names; another tenant's app is not found, not denied", async () => {
    const access = accessApiAllowing(undefined, { tenants: TENANTS });
    await renderPage('/luigi?tenant=logistics#/orders', { access });
    const nav = await screen.findByTestId('luigi-nav');
    expect(within(nav).getByText('Trucks')).toBeInTheDocument();
    expect(within(nav).queryByText('Orders')).toBeNull();
    expect(screen.getByTestId('luigi-tenant-switcher')).toHaveValue('logistics');
    expect(access.decided.map(d => d.tenant)).toEqual(['logistics']);
    await waitFor(() => expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'not-found'));
    expect(screen.queryByTestId('luigi-access-denied')).toBeNull();
    await waitFor(() => expect(mockCore.nodes().map(node => node.pathSegment)).toEqual([TRUCKS_SEGMENT]));
    expect(contextOf(nodeNamed(TRUCKS_SEGMENT)).tenant).toEqual({ id: 'logistics', title: 'Logistics' });
  });

  it('refuses a tenant the user may not enter: its id as text, links to the others, no app, decision or token, and asks the backend (which records the refusal)', async () => {
    const access = accessApiAllowing(undefined, { tenants: TENANTS });
    await renderPage('/luigi?tenant=secret#/component~secret~vault', { access });
    const panel = await screen.findByTestId('luigi-tenant-denied');
    expect(panel).toHaveTextContent('Your access does not include the tenant "secret"');
    expect(within(panel).getByTestId('luigi-tenant-link-retail')).toHaveAttribute('href', '/luigi?tenant=retail');
    expect(screen.queryByTestId('luigi-nav')).toBeNull();
    expect(screen.queryByTestId('luigi-view')).toBeNull();
    expect(access.decided).toEqual([]);
    expect(access.requests).toEqual([]);
    await waitFor(() => expect(access.entered).toEqual([{ tenant: 'secret' }]));
  });

  it('renders the tenant a URL names as text', async () => {
    await renderPage(`/luigi?tenant=${encodeURIComponent('<b>x</b>')}`);
    const panel = await screen.findByTestId('luigi-tenant-denied');
    expect(panel).toHaveTextContent('"<b>x</b>"');
    expect(panel.querySelector('b')).toBeNull();
  });

  it('refuses a tenant the backend does not let the user enter, deciding nothing', async () => {
    const access = accessApiAllowing(undefined, { tenants: TENANTS });
    const enter = access.enterTenant;
    access.enterTenant = async (tenant, from) =>
      tenant === 'logistics' ? (await enter(tenant, from), { entered: false }) : enter(tenant, from);
    await renderPage('/luigi?tenant=logistics', { access });
    expect(await screen.findByTestId('luigi-tenant-denied')).toHaveTextContent('"logistics"');
    expect(access.entered).toEqual([{ tenant: 'logistics' }]);
    expect(access.decided).toEqual([]);
    expect(screen.queryByTestId('luigi-view')).toBeNull();
  });

  it("switches tenants: entered from the previous one, at its root, with none of the previous one's frames and tokens", async () => {
    const access = accessApiAllowing(undefined, { tenants: TENANTS });
    const { analytics } = await renderPage('/luigi?tenant=retail#/orders', { access });
    await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(nodeNamed('orders')).toBeDefined());
    const orders = nodeNamed('orders');
    expect(contextOf(orders).tenant).toEqual({ id: 'retail', title: 'Retail' });
    const { frame, storeHeld } = await frameAsksForContext(mockCore, orders);
    expect(storeHeld).toEqual(expect.objectContaining({ accessToken: 'token-for:component:default/orders#1' }));
    expect(access.requests).toEqual([{ entityRef: 'component:default/orders', tenant: 'retail', purpose: 'open' }]);

    await userEvent.selectOptions(screen.getByTestId('luigi-tenant-switcher'), 'logistics');
    await waitFor(() => expect(location()).toBe('/luigi?tenant=logistics'));
    await waitFor(() => expect(mockCore.nodes().map(node => node.pathSegment)).toEqual([TRUCKS_SEGMENT]));
    expect(access.entered).toEqual([{ tenant: 'retail' }, { tenant: 'logistics', from: 'retail' }]);
    // The previous tenant's frame is gone, and its token with it.
    expect(frame.isConnected).toBe(false);
    expect(contextOf(orders).token).toBeUndefined();
    expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'landing');

    const trucks = await frameAsksForContext(mockCore, nodeNamed(TRUCKS_SEGMENT));
    expect(trucks.storeHeld).toEqual(expect.objectContaining({ accessToken: 'token-for:component:logistics/trucks#2' }));
    expect(access.requests.at(-1)).toEqual({ entityRef: 'component:logistics/trucks', tenant: 'logistics', purpose: 'open' });

    await waitFor(() =>
      expect(events(analytics)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'open', subject: 'component:default/orders', attributes: { entityRef: 'component:default/orders', tenant: 'retail' } }),
          expect.objectContaining({ action: 'switch-tenant', subject: 'logistics', attributes: { tenant: 'logistics', from: 'retail' } }),
          expect.objectContaining({ action: 'open', subject: 'component:logistics/trucks', attributes: { entityRef: 'component:logistics/trucks', tenant: 'logistics' } }),
        ]),
      ),
    );
    // Tokens never travel in analytics, the user's or the micro apps'.
    expect(JSON.stringify(events(analytics))).not.toMatch(/token-for:|source-token/);
    trucks.frame.remove();
  });

  it("sends the token source's token along with token requests only when the identity provider issues them", async () => {
    const access = accessApiAllowing(undefined, { tenants: TENANTS });
    await renderPage('/luigi?tenant=retail#/orders', { access, luigi: { tokens: { issuedBy: 'identity-provider' } } });
    await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(nodeNamed('orders')).toBeDefined());
    const { frame } = await frameAsksForContext(mockCore, nodeNamed('orders'));
    expect(access.requests).toEqual([
      { entityRef: 'component:default/orders', tenant: 'retail', purpose: 'open', subjectToken: SOURCE_TOKEN },
    ]);
    frame.remove();
  });

  it('renews a token for the purpose of a refresh, and says so to analytics', async () => {
    // 32 s tokens, renewed 30 s before they expire: after 2 s.
    const access = accessApiAllowing(undefined, { tenants: TENANTS, lifetimeMs: 32_000 });
    const { analytics } = await renderPage('/luigi?tenant=retail#/orders', { access });
    await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(nodeNamed('orders')).toBeDefined());
    const { frame } = await frameAsksForContext(mockCore, nodeNamed('orders'));
    await waitFor(() => expect(access.requests.map(r => r.purpose)).toEqual(['open', 'refresh']), { timeout: 4000 });
    await waitFor(() => expect(events(analytics).map(e => e.action)).toContain('refresh'));
    expect(events(analytics).find(e => e.action === 'refresh').attributes).toEqual({
      entityRef: 'component:default/orders',
      tenant: 'retail',
    });
    frame.remove();
  });

  it('reports a denied app shown and a refused token as denials, and a throwing analytics API breaks nothing', async () => {
    const access = accessApiAllowing(ref => ref !== 'component:default/billing', { tenants: TENANTS });
    const issue = access.issueToken;
    access.issueToken = async request =>
      request.entityRef === 'component:default/orders'
        ? Promise.reject(Object.assign(new Error('403: refused'), { statusCode: 403 }))
        : issue(request);
    const captureEvent = jest.fn(() => {
      throw new Error('analytics is down');
    });
    // Backstage's tracker warns about the failure; nothing else notices.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    await renderPage('/luigi?tenant=retail#/billing', { access, analytics: { captureEvent } });
    expect(await screen.findByTestId('luigi-access-denied')).toHaveTextContent('You may not open Billing');
    await waitFor(() => expect(nodeNamed('orders')).toBeDefined());
    const { frame } = await frameAsksForContext(mockCore, nodeNamed('orders'));
    expect(await screen.findByTestId('luigi-app-token-problem')).toHaveTextContent('403: refused');
    const captured = captureEvent.mock.calls.map(([event]: any[]) => event);
    expect(captured).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'deny',
          subject: 'component:default/billing',
          attributes: { entityRef: 'component:default/billing', tenant: 'retail', reason: 'policy' },
        }),
        expect.objectContaining({
          action: 'deny',
          subject: 'component:default/orders',
          attributes: { entityRef: 'component:default/orders', tenant: 'retail', reason: 'token-refused', status: 403 },
        }),
      ]),
    );
    frame.remove();
    warn.mockRestore();
  });
});

describe('LuigiPage without tenants', () => {
  it('asks for no tenant: no switcher, no tenant in decisions, token requests or context', async () => {
    const access = accessApiAllowing();
    await renderPage('/luigi?tenant=retail#/orders', { access });
    const nav = await screen.findByTestId('luigi-nav');
    // Every app, as always; a tenant in the URL means nothing.
    expect(within(nav).getByText('Trucks')).toBeInTheDocument();
    expect(screen.queryByTestId('luigi-tenant-switcher')).toBeNull();
    expect(access.entered).toEqual([]);
    expect(access.decided.every(d => !('tenant' in d))).toBe(true);
    await waitFor(() => expect(nodeNamed('orders')).toBeDefined());
    expect(contextOf(nodeNamed('orders'))).not.toHaveProperty('tenant');
    const { frame } = await frameAsksForContext(mockCore, nodeNamed('orders'));
    expect(access.requests).toEqual([{ entityRef: 'component:default/orders', purpose: 'open' }]);
    frame.remove();
  });
});
