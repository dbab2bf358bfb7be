import { renderInTestApp } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'yaml';
import { MicroApp } from '../../catalog/types';
import { resetPagePoliciesForTests } from '../../csp/readPagePolicies';
import { LuigiEngine } from '../../engine/LuigiEngine';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { LuigiView } from './LuigiView';

const mockCore = new FakeLuigiCore();
const mockLoadCore = jest.fn(() => Promise.resolve(mockCore));
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => mockLoadCore() }));

const orders: MicroApp = {
  pathSegment: 'orders',
  label: 'Orders',
  category: 'Other',
  viewUrl: 'https://apps.example.com/orders/',
  entity: { ref: 'component:default/orders', kind: 'component', namespace: 'default', name: 'orders', title: 'Orders' },
};

/** Reports a violation to the document as a browser does (jsdom has no SecurityPolicyViolationEvent). */
function reportViolation(target: EventTarget, fields: { effectiveDirective: string; blockedURI: string }) {
  const event = Object.assign(new Event('securitypolicyviolation', { bubbles: true }), { disposition: 'enforce', ...fields });
  act(() => {
    target.dispatchEvent(event);
  });
}

beforeEach(() => {
  resetPagePoliciesForTests();
  Object.defineProperty(window, 'fetch', {
    value: async () => ({ headers: new Headers() }),
    configurable: true,
    writable: true,
  });
});

describe('LuigiView', () => {
  it('says which policy blocked Luigi core, with the fix, and loads it on retry', async () => {
    mockLoadCore.mockImplementationOnce(() => {
      reportViolation(document, { effectiveDirective: 'script-src-elem', blockedURI: 'https://cdn.example.com/static/luigi-core.js' });
      return Promise.reject(new Error('Loading chunk luigi-core failed.'));
    });
    await renderInTestApp(<LuigiView engine={new LuigiEngine()} apps={[orders]} loadTimeoutMs={1000} />, {
      routeEntries: ['/luigi#/orders'],
    });
    await waitFor(() => expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'engine-failed'));
    expect(screen.getByTestId('luigi-policy-block')).toHaveTextContent('refused to load Luigi core from https://cdn.example.com');
    expect(parse(screen.getByTestId('luigi-policy-snippet').textContent!).backend.csp['script-src']).toEqual([
      "'self'",
      "'unsafe-eval'",
      'https://cdn.example.com',
    ]);

    await userEvent.click(screen.getByTestId('luigi-retry'));
    await waitFor(() => expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'showing'));
    expect(mockCore.setConfig).toHaveBeenCalledTimes(1);
  });

  it('shows an error panel with a retry when Luigi core fails to load for another reason', async () => {
    mockLoadCore.mockImplementationOnce(() => Promise.reject(new Error('Loading chunk luigi-core failed.')));
    await renderInTestApp(<LuigiView engine={new LuigiEngine()} apps={[orders]} loadTimeoutMs={1000} />, {
      routeEntries: ['/luigi#/orders'],
    });
    await waitFor(() => expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'engine-failed'));
    expect(screen.getByText(/Micro apps cannot start: Luigi core did not load/)).toBeInTheDocument();
    expect(screen.getByText(/Loading chunk luigi-core failed/)).toBeInTheDocument();
    expect(screen.getByTestId('luigi-retry')).toBeInTheDocument();
  });

  it("warns when the policy refuses the plugin's own stylesheet, and only then", async () => {
    await renderInTestApp(<LuigiView engine={new LuigiEngine()} apps={[orders]} loadTimeoutMs={1000} />, {
      routeEntries: ['/luigi#/orders'],
    });
    await waitFor(() => expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'showing'));
    // Another inline style of the page is not the view's concern.
    const other = document.createElement('style');
    document.head.append(other);
    reportViolation(other, { effectiveDirective: 'style-src-elem', blockedURI: 'inline' });
    expect(screen.queryByTestId('luigi-policy-block')).toBeNull();

    const own = screen.getByTestId('luigi-container').querySelector('style')!;
    reportViolation(own, { effectiveDirective: 'style-src-elem', blockedURI: 'inline' });
    expect(screen.getByTestId('luigi-policy-block')).toHaveTextContent('does not allow inline styles');
    expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'showing');
  });

  it('tells users a micro app did not answer, with a retry and no stack trace', async () => {
    const engine = new LuigiEngine();
    await renderInTestApp(<LuigiView engine={engine} apps={[orders]} loadTimeoutMs={1000} />, {
      routeEntries: ['/luigi#/orders'],
    });
    await waitFor(() => expect(mockCore.nodes()).toHaveLength(1));
    // What Luigi calls when the handshake does not come within the timeout.
    act(() => (mockCore.nodes()[0] as any).pageErrorHandler.errorFn());
    expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'failed');
    expect(screen.getByText(/Orders did not load/)).toBeInTheDocument();
    expect(screen.getByText(/did not answer in time/)).toBeInTheDocument();
    expect(screen.getByTestId('luigi-view').textContent).not.toMatch(/\bat \S+ \(|LuigiView\.tsx/);
    // One short technical line: what did not answer, and for how long it was waited for.
    expect(screen.getByTestId('luigi-failure-detail')).toHaveTextContent(
      'No Luigi handshake from https://apps.example.com/orders/ within 1 s',
    );
    // Retry shows the frame again, for Luigi to load it afresh.
    await userEvent.click(screen.getByTestId('luigi-retry'));
    expect(screen.getByTestId('luigi-view')).toHaveAttribute('data-state', 'showing');
  });
});
