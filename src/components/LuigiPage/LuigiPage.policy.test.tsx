import { Entity } from '@backstage/catalog-model';
import { configApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import { parse } from 'yaml';
import { luigiTokenSourceApiRef } from '../../auth/tokenSource';
import { luigiAccessApiRef } from '../../access/luigiAccessApi';
import { accessApiAllowing } from '../../testing/accessApi';
import { resetPagePoliciesForTests } from '../../csp/readPagePolicies';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { componentEntity } from '../../testing/componentEntity';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

// What @backstage/backend-defaults sends with the app when app-config sets no backend.csp.
const BACKSTAGE_DEFAULT_CSP =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self' 'unsafe-eval';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests";

const entities: Entity[] = [
  componentEntity('orders', { 'luigi-project.io/view-url': 'https://apps.example.com/orders/' }),
];

/** Serves the page's own HEAD request with `csp` as its Content-Security-Policy header. */
function servePageWith(csp: string | undefined) {
  const headers = new Headers(csp ? { 'Content-Security-Policy': csp } : {});
  const fetch = jest.fn(async () => ({ headers }) as Response);
  Object.defineProperty(window, 'fetch', { value: fetch, configurable: true, writable: true });
  return fetch;
}

/** Reports a violation to the document as a browser does (jsdom has no SecurityPolicyViolationEvent). */
function reportViolation(fields: { effectiveDirective: string; blockedURI: string; disposition?: string }) {
  const event = Object.assign(new Event('securitypolicyviolation', { bubbles: true }), {
    disposition: 'enforce',
    ...fields,
  });
  act(() => {
    document.dispatchEvent(event);
  });
}

async function renderPage(options: { path?: string; catalogError?: Error } = {}) {
  const apis = [
    [
      catalogApiRef,
      {
        getEntities: async () => {
          if (options.catalogError) throw options.catalogError;
          return { items: entities };
        },
      },
    ],
    [configApiRef, mockApis.config({ data: { luigi: { allowedOrigins: ['https://apps.example.com'] } } })],
    [identityApiRef, mockApis.identity({ userEntityRef: 'user:default/alice' })],
    [luigiTokenSourceApiRef, { getToken: async () => ({ token: 't' }) }],
    [luigiAccessApiRef, accessApiAllowing()],
  ] as const;
  await renderInTestApp(
    <TestApiProvider apis={apis}>
      <LuigiPage />
    </TestApiProvider>,
    { routeEntries: [options.path ?? '/luigi'] },
  );
}

beforeEach(() => resetPagePoliciesForTests());

describe('LuigiPage under a Content-Security-Policy', () => {
  it("warns before anyone clicks that Backstage's default policy blocks the allowlisted origin, with the fix", async () => {
    const fetch = servePageWith(BACKSTAGE_DEFAULT_CSP);
    await renderPage();
    const panel = await screen.findByTestId('luigi-policy-diagnostics');
    expect(panel).toHaveTextContent('blocks 1 allowlisted origin');
    expect(panel).toHaveTextContent('https://apps.example.com is in luigi.allowedOrigins');
    expect(panel).toHaveTextContent('(default-src)');
    const snippet = parse(screen.getByTestId('luigi-policy-snippet').textContent!);
    expect(snippet).toEqual({ backend: { csp: { 'frame-src': ["'self'", 'https://apps.example.com'] } } });
    expect(fetch).toHaveBeenCalledWith(expect.not.stringContaining('#'), expect.objectContaining({ method: 'HEAD' }));
  });

  it('shows the policy warning even when the catalog cannot be read', async () => {
    servePageWith(BACKSTAGE_DEFAULT_CSP);
    await renderPage({ catalogError: new Error('catalog down') });
    expect(await screen.findByTestId('luigi-policy-diagnostics')).toBeInTheDocument();
    expect(screen.getAllByText(/catalog down/).length).toBeGreaterThan(0);
  });

  it('says nothing once frame-src lists the origin, or when the page has no policy', async () => {
    servePageWith(`${BACKSTAGE_DEFAULT_CSP};frame-src 'self' https://apps.example.com`);
    await renderPage();
    await screen.findByText('Orders');
    await act(() => new Promise(resolve => setTimeout(resolve, 0)));
    expect(screen.queryByTestId('luigi-policy-diagnostics')).toBeNull();
  });

  it('replaces the micro app by a panel naming the blocked origin and the config the moment the browser refuses the frame', async () => {
    servePageWith(BACKSTAGE_DEFAULT_CSP);
    await renderPage({ path: '/luigi#/orders' });
    await waitFor(() => expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'showing'));

    // A refusal for an origin that is not the shown app's, and a report-only one, change nothing.
    reportViolation({ effectiveDirective: 'frame-src', blockedURI: 'https://elsewhere.example.org' });
    reportViolation({ effectiveDirective: 'frame-src', blockedURI: 'https://apps.example.com', disposition: 'report' });
    expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'showing');

    reportViolation({ effectiveDirective: 'frame-src', blockedURI: 'https://apps.example.com' });
    expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'blocked');
    const panel = screen.getByTestId('luigi-policy-block');
    expect(panel).toHaveTextContent("Orders is blocked by the portal's Content-Security-Policy");
    expect(panel).toHaveTextContent('refused to frame https://apps.example.com');
    const snippets = screen.getAllByTestId('luigi-policy-snippet').map(node => parse(node.textContent!));
    expect(snippets).toContainEqual({ backend: { csp: { 'frame-src': ["'self'", 'https://apps.example.com'] } } });
    expect(screen.getByTestId('luigi-container')).not.toBeVisible();
  });
});
