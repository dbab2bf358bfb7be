import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { LuigiAccessGrant, LuigiAccessRequest } from 'backstage-plugin-luigi-common';
import { LuigiAccessRequestsApi } from '../../access/accessRequestCalls';
import { accessApiAllowing } from '../../testing/accessApi';
import { renderWithLuigiApis } from '../../testing/renderLuigi';
import { AccessRequestSection } from './AccessRequestSection';
import { AccessRequestsPanel } from './AccessRequestsPanel';

const ORDERS = 'component:default/orders';
const HOUR = 3_600_000;

/** The backend's access request routes as a test double: one user's requests, and what was sent. */
function fakeRequests(options: { enabled?: boolean } = {}) {
  const sent: Array<[string, ...unknown[]]> = [];
  let request: LuigiAccessRequest | null = null;
  let grants: LuigiAccessGrant[] = [];
  const calls: LuigiAccessRequestsApi = {
    async status() {
      return { enabled: options.enabled ?? true, durationsMinutes: [60, 480, 10080], request };
    },
    async ask(input) {
      sent.push(['ask', input]);
      request = { id: 'r1', entityRef: input.entityRef, userEntityRef: 'user:default/bob', ownerRef: 'group:default/team-orders', state: 'pending', durationMinutes: input.durationMinutes, ...(input.reason ? { reason: input.reason } : {}), createdAt: Date.now() };
      return request;
    },
    async inbox() {
      return { admin: false, requests: request?.state === 'pending' ? [request] : [], grants };
    },
    async decide(id, approve, note) {
      sent.push(['decide', id, approve, note]);
      const grant = { id: 'g1', userEntityRef: 'user:default/bob', entityRef: ORDERS, grantedBy: 'user:default/alice', grantedAt: Date.now(), expiresAt: Date.now() + HOUR };
      request = { ...request!, state: approve ? 'approved' : 'denied', decidedBy: 'user:default/alice', decidedAt: Date.now(), ...(note ? { decisionNote: note } : {}), ...(approve ? { grant } : {}) };
      if (approve) grants = [grant];
      return request;
    },
    async revoke(id) {
      sent.push(['revoke', id]);
      const [grant] = grants;
      grants = [];
      return { ...grant, revokedBy: 'user:default/alice', revokedAt: Date.now() };
    },
  };
  return { calls, sent, set: (r: LuigiAccessRequest | null) => (request = r) };
}

function withRequests(fake: ReturnType<typeof fakeRequests>) {
  return Object.assign(accessApiAllowing(), { accessRequests: fake.calls });
}

describe('asking for access on the denied panel', () => {
  it('sends the chosen duration and reason, then shows the request pending, without a second form', async () => {
    const fake = fakeRequests();
    await renderWithLuigiApis(<AccessRequestSection entityRef={ORDERS} />, '/', { access: withRequests(fake) });
    fireEvent.mouseDown(await screen.findByRole('button', { name: /1 hour/ }));
    fireEvent.click(await screen.findByRole('option', { name: '7 days' }));
    fireEvent.change(screen.getByTestId('luigi-access-request-reason'), { target: { value: '<b>quarter end</b>' } });
    fireEvent.click(screen.getByTestId('luigi-access-request-ask'));
    expect(await screen.findByTestId('luigi-access-request-pending')).toHaveTextContent('You asked for access for 7 days');
    expect(fake.sent).toEqual([['ask', { entityRef: ORDERS, durationMinutes: 10080, reason: '<b>quarter end</b>' }]]);
    expect(screen.queryByTestId('luigi-access-request-ask')).not.toBeInTheDocument();
  });

  it("shows the owner's denial with their note, as text, and lets the user ask again", async () => {
    const fake = fakeRequests();
    fake.set({ id: 'r1', entityRef: ORDERS, userEntityRef: 'user:default/bob', ownerRef: 'group:default/team-orders', state: 'denied', durationMinutes: 480, createdAt: 0, decidedBy: 'user:default/alice', decisionNote: '<img src=x onerror=alert(1)>' });
    await renderWithLuigiApis(<AccessRequestSection entityRef={ORDERS} />, '/', { access: withRequests(fake) });
    expect(await screen.findByTestId('luigi-access-request-denied')).toHaveTextContent('Denied by user:default/alice: <img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('luigi-access-request-ask')).toBeEnabled();
  });

  it('shows the refusal the backend answers', async () => {
    const fake = fakeRequests();
    fake.calls.ask = async () => {
      throw new Error('You may open this micro app already');
    };
    await renderWithLuigiApis(<AccessRequestSection entityRef={ORDERS} />, '/', { access: withRequests(fake) });
    fireEvent.click(await screen.findByTestId('luigi-access-request-ask'));
    expect(await screen.findByTestId('luigi-access-request-error')).toHaveTextContent('You may open this micro app already');
  });

  it('offers nothing where the portal takes no requests, or the access API has none', async () => {
    await renderWithLuigiApis(<AccessRequestSection entityRef={ORDERS} />, '/', { access: withRequests(fakeRequests({ enabled: false })) });
    await renderWithLuigiApis(<AccessRequestSection entityRef={ORDERS} />, '/', { access: accessApiAllowing() });
    await waitFor(() => expect(screen.queryByTestId('luigi-access-request')).not.toBeInTheDocument());
  });
});

describe('the requests that wait for an owner', () => {
  it('lists a pending request with its reason and approves it with a note, then offers to end the grant', async () => {
    const fake = fakeRequests();
    await fake.calls.ask({ entityRef: ORDERS, durationMinutes: 480, reason: 'quarter end' });
    fake.sent.length = 0;
    await renderWithLuigiApis(<AccessRequestsPanel />, '/', { access: withRequests(fake) });
    const panel = await screen.findByTestId('luigi-access-requests');
    expect(panel).toHaveTextContent('1 access request waits for you');
    const item = within(panel).getByTestId('luigi-access-request-item');
    expect(item).toHaveTextContent('for 8 hours');
    expect(item).toHaveTextContent('“quarter end”');
    fireEvent.change(within(item).getByTestId('luigi-access-request-note'), { target: { value: 'until Friday' } });
    fireEvent.click(within(item).getByTestId('luigi-access-request-approve'));
    expect(await screen.findByTestId('luigi-access-grant-item')).toHaveTextContent('granted by user:default/alice');
    expect(fake.sent).toEqual([['decide', 'r1', true, 'until Friday']]);
    fireEvent.click(screen.getByTestId('luigi-access-grant-revoke'));
    await waitFor(() => expect(screen.queryByTestId('luigi-access-requests')).not.toBeInTheDocument());
    expect(fake.sent[1]).toEqual(['revoke', 'g1']);
  });

  it('shows nothing when nothing waits', async () => {
    const fake = fakeRequests();
    await renderWithLuigiApis(<AccessRequestsPanel />, '/', { access: withRequests(fake) });
    await new Promise(r => setTimeout(r, 50));
    expect(screen.queryByTestId('luigi-access-requests')).not.toBeInTheDocument();
  });
});
