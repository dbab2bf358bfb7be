import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TokenProblemPanel } from './TokenProblemPanel';

const serverError = Object.assign(new Error('Request failed with 500 Internal Server Error'), {
  name: 'ResponseError',
  statusCode: 500,
  statusText: 'Internal Server Error',
  stack: 'ResponseError: Request failed\n    at LuigiAccessClient.issueToken (luigiAccessApi.ts:1:1)',
});
const noStack = /\bat \S+ \(|luigiAccessApi\.ts/;

/** The error `LuigiAccessClient.issueToken` rejects with when the backend answers a Backstage error. */
function backendError(statusCode: number, statusText: string, name: string, message: string): Promise<ResponseError> {
  const body = JSON.stringify({ error: { name, message }, response: { statusCode } });
  return ResponseError.fromResponse(
    new Response(body, { status: statusCode, statusText, headers: { 'content-type': 'application/json' } }),
  );
}

const AUDIENCE_REASON =
  'component:default/orders has an invalid luigi-project.io/token-audience: the token audience must not contain whitespace or control characters';

describe('TokenProblemPanel', () => {
  it('says a micro app got no token from the backend, with the status and a retry', async () => {
    const onRetry = jest.fn();
    await renderInTestApp(
      <TokenProblemPanel
        token={{ status: 'valid', token: { token: 't' } }}
        appTokenProblem={{ entityRef: 'component:default/orders', error: serverError }}
        canSignIn
        onSignIn={jest.fn()}
        onRetry={onRetry}
      />,
    );
    const panel = screen.getByTestId('luigi-app-token-problem');
    expect(panel).toHaveTextContent('The micro app of component:default/orders received no token');
    expect(panel).toHaveTextContent('Details: HTTP 500 Internal Server Error');
    expect(panel.textContent).not.toMatch(noStack);
    await userEvent.click(screen.getByTestId('luigi-token-retry'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("says why the backend refused a micro app its token, names the app by its title, and offers no retry", async () => {
    await renderInTestApp(
      <TokenProblemPanel
        token={{ status: 'valid', token: { token: 't' } }}
        appTokenProblem={{
          entityRef: 'component:default/orders',
          error: await backendError(403, 'Forbidden', 'NotAllowedError', AUDIENCE_REASON),
        }}
        appTitle="Orders"
        canSignIn
        onSignIn={jest.fn()}
        onRetry={jest.fn()}
      />,
    );
    const panel = screen.getByTestId('luigi-app-token-problem');
    expect(panel).toHaveTextContent('The micro app "Orders" received no token');
    expect(screen.getByTestId('luigi-failure-reason')).toHaveTextContent(`Reason: ${AUDIENCE_REASON}`);
    // A retry gets the same answer: the panel says who must change what instead.
    expect(panel).toHaveTextContent('Retrying will not change that: the owner of component:default/orders must fix its registration');
    expect(screen.queryByTestId('luigi-token-retry')).toBeNull();
    expect(panel).toHaveTextContent('Details: HTTP 403 Forbidden');
  });

  it('offers no retry for an entity the backend does not find (404) either', async () => {
    const error = await backendError(404, 'Not Found', 'NotFoundError', 'No entity component:default/orders in the catalog, or you may not read it');
    await renderInTestApp(
      <TokenProblemPanel
        token={{ status: 'valid', token: { token: 't' } }}
        appTokenProblem={{ entityRef: 'component:default/orders', error }}
        appTitle="Orders"
        canSignIn
        onSignIn={jest.fn()}
        onRetry={jest.fn()}
      />,
    );
    expect(screen.getByTestId('luigi-app-token-problem')).toHaveTextContent('finds no entity component:default/orders you may read');
    expect(screen.getByTestId('luigi-failure-reason')).toHaveTextContent('No entity component:default/orders in the catalog');
    expect(screen.queryByTestId('luigi-token-retry')).toBeNull();
  });

  it('keeps the retry for a backend that could not answer (503), with its reason', async () => {
    const onRetry = jest.fn();
    const error = await backendError(503, 'Service Unavailable', 'ServiceUnavailableError', 'the token minter is unavailable');
    await renderInTestApp(
      <TokenProblemPanel
        token={{ status: 'valid', token: { token: 't' } }}
        appTokenProblem={{ entityRef: 'component:default/orders', error }}
        appTitle="Orders"
        canSignIn
        onSignIn={jest.fn()}
        onRetry={onRetry}
      />,
    );
    expect(screen.getByTestId('luigi-app-token-problem')).toHaveTextContent('Retry in a moment');
    expect(screen.getByTestId('luigi-failure-reason')).toHaveTextContent('Reason: the token minter is unavailable');
    await userEvent.click(screen.getByTestId('luigi-token-retry'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("renders the app's title and the backend's reason as text, never as markup", async () => {
    const reason = 'component:default/orders has an invalid luigi-project.io/views: <img src=x onerror=alert(1)> \u202eevil';
    await renderInTestApp(
      <TokenProblemPanel
        token={{ status: 'valid', token: { token: 't' } }}
        appTokenProblem={{ entityRef: 'component:default/orders', error: await backendError(403, 'Forbidden', 'NotAllowedError', reason) }}
        appTitle="<b>Orders</b>"
        canSignIn
        onSignIn={jest.fn()}
      />,
    );
    const panel = screen.getByTestId('luigi-app-token-problem');
    expect(panel).toHaveTextContent('The micro app "<b>Orders</b>" received no token');
    expect(screen.getByTestId('luigi-failure-reason')).toHaveTextContent('<img src=x onerror=alert(1)> \ufffdevil');
    expect(panel.querySelector('img, b')).toBeNull();
  });

  it('offers a retry and a sign-in when renewing the sign-in failed', async () => {
    const onRetry = jest.fn();
    const onSignIn = jest.fn();
    await renderInTestApp(
      <TokenProblemPanel
        token={{ status: 'missing', error: new Error('refresh answered 500') }}
        canSignIn
        onSignIn={onSignIn}
        onRetry={onRetry}
      />,
    );
    const panel = screen.getByTestId('luigi-token-problem');
    expect(panel).toHaveTextContent('micro apps no longer receive a token');
    expect(panel).toHaveTextContent('could not renew your sign-in');
    expect(panel).toHaveTextContent('Details: refresh answered 500');
    await userEvent.click(screen.getByTestId('luigi-token-retry'));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(onSignIn).toHaveBeenCalledTimes(1);
  });

  it('offers to sign in again, or retry, when the sign-in expired', async () => {
    await renderInTestApp(<TokenProblemPanel token={{ status: 'expired' }} canSignIn onSignIn={jest.fn()} onRetry={jest.fn()} />);
    expect(screen.getByTestId('luigi-token-problem')).toHaveTextContent('Your sign-in has expired');
    expect(screen.getByTestId('luigi-token-retry')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('says so when the signed-in user could not be read', async () => {
    await renderInTestApp(
      <TokenProblemPanel identityError={new Error('identity unavailable')} canSignIn={false} onSignIn={jest.fn()} onRetry={jest.fn()} />,
    );
    const panel = screen.getByTestId('luigi-identity-problem');
    expect(panel).toHaveTextContent('Could not read who you are signed in as');
    expect(panel).toHaveTextContent('Details: identity unavailable');
    expect(screen.getByTestId('luigi-token-retry')).toBeInTheDocument();
  });

  it('renders nothing while all is well', async () => {
    await renderInTestApp(
      <div data-testid="host">
        <TokenProblemPanel token={{ status: 'valid', token: { token: 't' } }} canSignIn onSignIn={jest.fn()} />
      </div>,
    );
    expect(screen.getByTestId('host')).toBeEmptyDOMElement();
  });
});
