import { Entity } from '@backstage/catalog-model';
import { configApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, mockApis, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { luigiAccessApiRef } from '../../access/luigiAccessApi';
import { luigiTokenSourceApiRef } from '../../auth/tokenSource';
import { accessApiAllowing, TestTenant } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { EntityLuigiContent } from './EntityLuigiContent';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

function entity(namespace: string, name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      namespace,
      name,
      title: name[0].toUpperCase() + name.slice(1),
      annotations: { 'luigi-project.io/view-url': `https://apps.example.com/${name}/` },
    },
    spec: { owner: 'team-a' },
  };
}

const inNamespace = (namespace: string) => (ref: string) => ref.includes(`:${namespace}/`);
const TENANTS: TestTenant[] = [
  { id: 'logistics', title: 'Logistics', members: inNamespace('logistics') },
  { id: 'secret', title: 'Secret', enterable: false, members: inNamespace('secret') },
];

async function renderTab(subject: Entity) {
  const access = accessApiAllowing(undefined, { tenants: TENANTS });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [configApiRef, mockApis.config({ data: { luigi: { allowedOrigins: ['https://apps.example.com'] } } })],
        [identityApiRef, mockApis.identity({ userEntityRef: 'user:default/alice' })],
        [luigiTokenSourceApiRef, { getToken: async () => ({ token: 't', expiresAt: Date.now() + 600_000 }) }],
        [luigiAccessApiRef, access],
      ]}
    >
      <EntityProvider entity={subject}>
        <EntityLuigiContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: [`/catalog/${subject.metadata.namespace}/component/${subject.metadata.name}/luigi`],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return access;
}

describe('EntityLuigiContent with tenants', () => {
  it("shows the entity's micro frontend in the entity's own tenant: in its context and its token request", async () => {
    const access = await renderTab(entity('logistics', 'trucks'));
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
    await renderTab(entity('secret', 'vault'));
    const panel = await screen.findByTestId('luigi-access-denied');
    expect(panel).toHaveTextContent('You may not open Vault');
    expect(panel).toHaveTextContent('You may not enter the tenant this micro app belongs to');
    expect(screen.queryByTestId('luigi-view')).toBeNull();
  });
});
