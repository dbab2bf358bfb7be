import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthResolverContext } from '@backstage/plugin-auth-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createCatalogGroupsSignInResolver } from './catalogGroupsSignInResolver';

const alice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: { profile: { email: 'alice@example.com' }, memberOf: ['guild-ux'] },
};
const group = (name: string, namespace = 'default'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace },
  spec: { type: 'team', children: [] },
});
const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'team-fake', namespace: 'default' },
  spec: {},
};

/** A resolver context that finds users by e-mail in `users` and records the issued claims. */
function contextFor(users: Entity[]) {
  const issued: Array<Record<string, unknown>> = [];
  const ctx = {
    findCatalogUser: async ({ filter }: { filter: Record<string, string> }) => {
      const entity = users.find(
        user => (user.spec as any).profile.email === filter['spec.profile.email'],
      );
      if (!entity) throw new Error('user not found');
      return { entity };
    },
    resolveOwnershipEntityRefs: async (entity: Entity) => ({
      ownershipEntityRefs: [
        `user:default/${entity.metadata.name}`,
        ...((entity.spec as any).memberOf as string[]).map(name => `group:default/${name}`),
      ],
    }),
    issueToken: async ({ claims }: { claims: Record<string, unknown> }) => {
      issued.push(claims);
      return { token: 'backstage-token' };
    },
  } as unknown as AuthResolverContext;
  return { ctx, issued };
}

/** What the OIDC authenticator hands a resolver, with the given ID token claims. */
function signInInfo(claims: Record<string, unknown>) {
  return {
    result: {
      fullProfile: { tokenset: { claims: () => claims }, userinfo: {} },
      session: { accessToken: 'a', tokenType: 'bearer', scope: 'openid' },
    },
    profile: {},
  } as any;
}

function resolver(entities: Entity[], options: { groupsClaim?: string; groupNamespace?: string } = {}) {
  return createCatalogGroupsSignInResolver({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    ...options,
  });
}

describe('createCatalogGroupsSignInResolver', () => {
  const catalog = [alice, group('guild-ux'), group('platform-admins'), group('team-orders'), component];

  it("adds the ID token's groups that exist in the catalog to the user's own memberships", async () => {
    const { ctx, issued } = contextFor([alice]);
    const result = await resolver(catalog)(
      signInInfo({
        email: 'alice@example.com',
        email_verified: true,
        groups: ['platform-admins', 'Team-Orders', 'no-such-group', 'team-fake'],
      }),
      ctx,
    );
    expect(result).toEqual({ token: 'backstage-token' });
    expect(issued).toEqual([
      {
        sub: 'user:default/alice',
        ent: [
          'user:default/alice',
          'group:default/guild-ux',
          'group:default/platform-admins',
          'group:default/team-orders',
        ],
      },
    ]);
  });

  it('keeps only the catalog memberships when the token has no usable groups claim', async () => {
    for (const groups of [undefined, 'platform-admins', [42, null, ' ']]) {
      const { ctx, issued } = contextFor([alice]);
      await resolver(catalog)(signInInfo({ email: 'alice@example.com', email_verified: true, groups }), ctx);
      expect(issued[0].ent).toEqual(['user:default/alice', 'group:default/guild-ux']);
    }
  });

  it('reads another claim and namespace when configured', async () => {
    const { ctx, issued } = contextFor([alice]);
    await resolver([...catalog, group('ops', 'corp')], { groupsClaim: 'roles', groupNamespace: 'corp' })(
      signInInfo({ email: 'alice@example.com', email_verified: true, roles: ['ops'], groups: ['team-orders'] }),
      ctx,
    );
    expect(issued[0].ent).toEqual(['user:default/alice', 'group:default/guild-ux', 'group:corp/ops']);
  });

  it('refuses a sign-in without a verified e-mail address', async () => {
    const { ctx, issued } = contextFor([alice]);
    await expect(
      resolver(catalog)(signInInfo({ email: 'alice@example.com', groups: ['platform-admins'] }), ctx),
    ).rejects.toThrow(/no verified email/);
    expect(issued).toEqual([]);
  });

  it('refuses a user the catalog does not know', async () => {
    const { ctx, issued } = contextFor([alice]);
    await expect(
      resolver(catalog)(signInInfo({ email: 'mallory@example.com', email_verified: true }), ctx),
    ).rejects.toThrow(/not found/);
    expect(issued).toEqual([]);
  });
});
