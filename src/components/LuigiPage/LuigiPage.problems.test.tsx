import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { luigiAdminReadPermission } from 'backstage-plugin-luigi-common';
import { componentEntity } from '../../testing/componentEntity';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { renderEntityTab, renderWithLuigiApis } from '../../testing/renderLuigi';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const ALLOWED = 'https://apps.example.com';
const ownedBy = (entity: Entity, owner: string): Entity => ({ ...entity, spec: { ...entity.spec, owner } });
const fine = componentEntity('fine', { 'luigi-project.io/view-url': `${ALLOWED}/fine/` });
// Two teams' registrations refused (plain http), and one entity's further view.
const ours = ownedBy(componentEntity('ours', { 'luigi-project.io/view-url': 'http://apps.example.com/ours/' }), 'team-a');
const theirs = ownedBy(componentEntity('theirs', { 'luigi-project.io/view-url': 'http://apps.example.com/theirs/' }), 'group:default/team-b');
const theirView = ownedBy(
  componentEntity('views', {
    'luigi-project.io/view-url': `${ALLOWED}/views/`,
    'luigi-project.io/views': 'Untrusted=https://evil.example.net/x',
  }),
  'team-b',
);
const entities = [fine, ours, theirs, theirView];
const luigi = { allowedOrigins: [ALLOWED, 'not an origin'] };
const deny = mockApis.permission({ authorize: AuthorizeResult.DENY });

const listed = () => within(screen.getByTestId('luigi-diagnostics')).getAllByTestId('luigi-rejected').map(item => item.textContent);

describe('configuration problems are listed for their owners and admins only', () => {
  it("shows a user who is no admin only their own entities' problems, and no config problem", async () => {
    const permission = mockApis.permission({ authorize: AuthorizeResult.DENY });
    const authorize = jest.spyOn(permission, 'authorize');
    await renderWithLuigiApis(<LuigiPage />, '/luigi', { entities, luigi, permission, ownershipEntityRefs: ['user:default/bob', 'group:default/team-a'] });
    await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(listed()).toHaveLength(1));
    expect(listed()[0]).toMatch(/^Ours \(component:default\/ours\): .* must use https:/);
    expect(screen.getByTestId('luigi-diagnostics')).toHaveTextContent('1 micro app configuration problem');
    expect(screen.queryByText(/not an origin \(scheme/)).not.toBeInTheDocument();
    expect(authorize).toHaveBeenCalledWith({ permission: luigiAdminReadPermission });
  });

  it('shows a user who owns none of them no panel at all', async () => {
    await renderWithLuigiApis(<LuigiPage />, '/luigi', { entities, luigi, permission: deny, ownershipEntityRefs: ['user:default/carol'] });
    await screen.findByTestId('luigi-nav-fine');
    await waitFor(() => expect(mockCore.nodes().length).toBeGreaterThan(0));
    expect(screen.queryByTestId('luigi-diagnostics')).not.toBeInTheDocument();
  });

  it('shows an admin every problem, the config ones too', async () => {
    await renderWithLuigiApis(<LuigiPage />, '/luigi', { entities, luigi, ownershipEntityRefs: ['user:default/alice'] });
    await waitFor(() => expect(listed()).toHaveLength(3));
    expect(screen.getByTestId('luigi-diagnostics')).toHaveTextContent('4 micro app configuration problems');
  });

  it("lists an entity tab's refused views to its owners only", async () => {
    await renderEntityTab(theirView, { luigi, permission: deny, ownershipEntityRefs: ['group:default/team-a'] });
    await screen.findByTestId('luigi-entity-content');
    expect(screen.queryByTestId('luigi-diagnostics')).not.toBeInTheDocument();
  });

  it("lists an entity tab's refused views to an owner who is no admin", async () => {
    await renderEntityTab(theirView, { luigi, permission: deny, ownershipEntityRefs: ['group:default/team-b'] });
    await waitFor(() => expect(listed()).toHaveLength(1));
    expect(listed()[0]).toMatch(/origin https:\/\/evil\.example\.net is not in luigi\.allowedOrigins/);
  });
});
