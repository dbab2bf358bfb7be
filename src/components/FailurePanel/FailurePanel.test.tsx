import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { failureDetail } from './failureDetail';
import { FailurePanel } from './FailurePanel';
import { SlowProgress } from './SlowProgress';

/** What Backstage's ResponseError carries for a failed request, with a stack as thrown. */
function responseError(statusCode: number, statusText: string, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`Request failed with ${statusCode} ${statusText}`), {
    name: 'ResponseError',
    statusCode,
    statusText,
    response: { headers: new Map(Object.entries(headers)) },
    stack: 'ResponseError: Request failed\n    at CatalogClient.getEntities (CatalogClient.ts:10:5)',
  });
}

describe('failureDetail', () => {
  it('names the status and request id of a failed request, never its stack', () => {
    expect(failureDetail(responseError(500, 'Internal Server Error', { 'x-request-id': 'req-42' }))).toBe(
      'HTTP 500 Internal Server Error, request id req-42',
    );
  });

  it("keeps an error's name and first line only, cut short", () => {
    const error = new TypeError(`Failed to fetch\n    at fetch (x.js:1:1)`);
    expect(failureDetail(error)).toBe('TypeError: Failed to fetch');
    expect(failureDetail(new Error('x'.repeat(500)))!.length).toBeLessThanOrEqual(160);
    expect(failureDetail(undefined)).toBeUndefined();
  });
});

describe('FailurePanel', () => {
  it('says what failed and what to do, one line of detail, no stack, and retries', async () => {
    const onRetry = jest.fn();
    await renderInTestApp(
      <FailurePanel
        title="Could not load the micro apps"
        message="Retry in a moment."
        error={responseError(500, 'Internal Server Error')}
        onRetry={onRetry}
        testId="panel"
      />,
    );
    const panel = screen.getByTestId('panel');
    expect(panel).toHaveTextContent('Could not load the micro apps');
    expect(panel).toHaveTextContent('Retry in a moment.');
    expect(screen.getByTestId('luigi-failure-detail')).toHaveTextContent('Details: HTTP 500 Internal Server Error');
    expect(panel.textContent).not.toMatch(/\bat \S+ \(|CatalogClient/);
    await userEvent.click(screen.getByTestId('luigi-retry'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});

describe('FailurePanel with a reason', () => {
  it("shows the server's reason as text, printable and cut, and no Retry when none is offered", async () => {
    await renderInTestApp(
      <FailurePanel
        title="Refused"
        message="Retrying will not help."
        reason={`<img src=x onerror=alert(1)> \u202e${'x'.repeat(1000)}`}
        testId="panel"
      />,
    );
    const reason = screen.getByTestId('luigi-failure-reason');
    expect(reason).toHaveTextContent('Reason: <img src=x onerror=alert(1)> \ufffd');
    expect(reason.textContent!.length).toBeLessThan(520);
    expect(screen.getByTestId('panel').querySelector('img')).toBeNull();
    expect(screen.queryByTestId('luigi-retry')).toBeNull();
  });
});

describe('SlowProgress', () => {
  it('explains a wait that takes longer than it should, with a way out', async () => {
    await renderInTestApp(<SlowProgress slowAfterMs={50} title="Still loading the micro apps" message="Reload if nothing changes." />);
    expect(screen.queryByTestId('luigi-slow')).toBeNull();
    expect(await screen.findByTestId('luigi-slow')).toHaveTextContent('Still loading the micro apps');
    expect(screen.getByTestId('luigi-slow-reload')).toHaveTextContent('Reload page');
  });
});
