import { Entity } from '@backstage/catalog-model';
import { screen, waitFor } from '@testing-library/react';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { renderEntityTab } from '../../testing/renderLuigi';
import { LOGISTICS, SECRET, tenantEntity } from '../../testing/tenants';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

async function renderTab(subject: Entity) {
  const { access } = await renderEntityTab(subject, { tenants: [LOGISTICS, SECRET] });
  return access;
}

describe('EntityLuigiContent with tenants', () => {
  it("shows the entity's micro frontend in the entity's own tenant: in its context and its token request", async () => {
    const access = await renderTab(tenantEntity('logistics', 'trucks'));
    await screen.findByTestId('luigi-entity-content');
    // Decided in the entity's own tenant: none asked.
    expect(access.decided).toEqual([{ entityRefs: ['component:logistics/trucks'] }]);
    await waitFor(() => expect(mockCore.nodes()).toHaveLength(1));
    const node = mockCore.nodes()[0];
    expect(JSON.parse(JSON.stringify(node.context)).tenant).toEqual({ id: 'logistics', title: 'Logistics' });
    const { frame, storeHeld } = await frameAsksForContext(mockCore, node);
    expect(storeHeld).toEqual(expect.objectContaining({ accessToken: 'token-for:component:logistics/trucks#1' }));
    expect(access.requests).toEqual([{ entityRef: 'component:logistics/trucks', tenant: 'logistics', purpose: 'open' }]);
    frame.remove();
  });

  it("says the user may not enter the entity's tenant, and shows no view", async () => {
    await renderTab(tenantEntity('secret', 'vault'));
    const panel = await screen.findByTestId('luigi-access-denied');
    expect(panel).toHaveTextContent('You may not open Vault');
    expect(panel).toHaveTextContent('You may not enter the tenant this micro app belongs to');
    expect(screen.queryByTestId('luigi-view')).toBeNull();
  });
});
