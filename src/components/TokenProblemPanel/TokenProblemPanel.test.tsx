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
