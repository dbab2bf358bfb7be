import { mockCredentials } from '@backstage/backend-test-utils';
import { UserScopedReads } from './userScopedReads';

const BOB = mockCredentials.user('user:default/bob');
const CAROL = mockCredentials.user('user:default/carol');
const ORDERS = 'component:default/orders';

describe('UserScopedReads', () => {
  it("keeps each user's catalog reads apart, and reads for a service every time", async () => {
    const getEntityByRef = jest.fn(async (_ref: string, { credentials }: any) =>
      credentials.principal.userEntityRef === 'user:default/bob' ? { metadata: { name: 'orders' } } : undefined,
    );
    const catalog = new UserScopedReads().catalog({ getEntityByRef } as any);
    expect(await catalog.getEntityByRef(ORDERS, { credentials: BOB })).toEqual({ metadata: { name: 'orders' } });
    expect(await catalog.getEntityByRef(ORDERS, { credentials: BOB })).toEqual({ metadata: { name: 'orders' } });
    // Hidden from carol: bob's read never serves her.
    expect(await catalog.getEntityByRef(ORDERS, { credentials: CAROL })).toBeUndefined();
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
    await catalog.getEntityByRef(ORDERS, { credentials: mockCredentials.service() });
    await catalog.getEntityByRef(ORDERS, { credentials: mockCredentials.service() });
    expect(getEntityByRef).toHaveBeenCalledTimes(4);
  });

  it('keeps user info per user, never past the credentials', async () => {
    const getUserInfo = jest.fn(async (credentials: any) => ({
      userEntityRef: credentials.principal.userEntityRef,
      ownershipEntityRefs: [credentials.principal.userEntityRef],
    }));
    const userInfo = new UserScopedReads().userInfo({ getUserInfo });
    await userInfo.getUserInfo(BOB);
    expect((await userInfo.getUserInfo(BOB)).userEntityRef).toBe('user:default/bob');
    expect((await userInfo.getUserInfo(CAROL)).userEntityRef).toBe('user:default/carol');
    expect(getUserInfo).toHaveBeenCalledTimes(2);
    // Read with credentials that expire now: not kept beyond them.
    const expiring = { ...mockCredentials.user('user:default/dave'), expiresAt: new Date(Date.now() - 1) };
    await userInfo.getUserInfo(expiring as any);
    await userInfo.getUserInfo(expiring as any);
    expect(getUserInfo).toHaveBeenCalledTimes(4);
  });

  it('reads only the tenant members not held for the user, in one request', async () => {
    const read = jest.fn(async (refs: string[]) => refs.map(ref => ({ metadata: { namespace: ref.split(':')[1].split('/')[0] } })));
    const reads = new UserScopedReads();
    expect(await reads.tenantMembers(read, BOB)(['component:a/x', 'component:b/y'])).toEqual([
      { metadata: { namespace: 'a' } },
      { metadata: { namespace: 'b' } },
    ]);
    expect(await reads.tenantMembers(read, BOB)(['component:b/y', 'component:c/z'])).toEqual([
      { metadata: { namespace: 'b' } },
      { metadata: { namespace: 'c' } },
    ]);
    await reads.tenantMembers(read, CAROL)(['component:b/y']);
    expect(read.mock.calls).toEqual([[['component:a/x', 'component:b/y']], [['component:c/z']], [['component:b/y']]]);
  });
});
