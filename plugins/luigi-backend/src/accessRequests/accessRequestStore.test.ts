import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AccessRequestStore } from './accessRequestStore';

jest.setTimeout(60_000);

const BOB = 'user:default/bob';
const ORDERS = 'component:default/orders';
const asked = { userEntityRef: BOB, entityRef: ORDERS, ownerRef: 'group:default/team-orders', durationMinutes: 120 };

describe('access requests and grants, kept for every replica', () => {
  // PostgreSQL too: the jest global setup starts one (scripts/jestPostgresSetup.js).
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_18'] });

  /** Two stores on one database, as two replicas, on one controllable clock. */
  async function replicas(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const clock = { now: 1_800_000_000_000 };
    const database = mockServices.database({ knex });
    const [one, two] = await Promise.all([1, 2].map(() => AccessRequestStore.create({ database, now: () => clock.now })));
    return { one, two, clock };
  }

  it.each(databases.eachSupportedId())('keep one open request per user and app when replicas take several at once (%s)', async databaseId => {
    const { one, two } = await replicas(databaseId);
    const results = await Promise.allSettled([one, two, one, two].map(store => store.createRequest(asked)));
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(r.reason.name).toBe('ConflictError');
    }
    // Once decided, the user may ask again.
    const open = await two.latestRequest(BOB, ORDERS);
    await one.decide(open!.id, { approve: false, decidedBy: 'user:default/carol' });
    await expect(two.createRequest(asked)).resolves.toMatchObject({ state: 'pending' });
  });

  it.each(databases.eachSupportedId())('decide a request once when two owners decide at the same moment on two replicas (%s)', async databaseId => {
    const { one, two } = await replicas(databaseId);
    const request = await one.createRequest(asked);
    const results = await Promise.allSettled([
      one.decide(request.id, { approve: true, decidedBy: 'user:default/carol' }),
      two.decide(request.id, { approve: false, decidedBy: 'user:default/dan' }),
    ]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    const stored = await two.request(request.id);
    const winner = (results.find(r => r.status === 'fulfilled') as PromiseFulfilledResult<any>).value;
    expect(stored).toEqual(winner);
    expect(await one.activeGrants(BOB)).toHaveLength(stored!.state === 'approved' ? 1 : 0);
  });

  it.each(databases.eachSupportedId())('end a grant by itself at its hour, or early when revoked, on every replica (%s)', async databaseId => {
    const { one, two, clock } = await replicas(databaseId);
    const request = await one.createRequest(asked);
    const { grant } = await one.decide(request.id, { approve: true, decidedBy: 'user:default/carol' });
    expect(grant).toMatchObject({ grantedAt: clock.now, expiresAt: clock.now + 120 * 60_000 });
    expect(await two.activeGrants(BOB)).toEqual([grant]);
    clock.now += 120 * 60_000 - 1;
    expect(await two.activeGrants(BOB)).toHaveLength(1);
    clock.now += 1;
    expect(await two.activeGrants(BOB)).toEqual([]);
    await expect(two.revokeGrant(grant!.id, 'user:default/carol')).rejects.toMatchObject({ name: 'ConflictError' });

    const again = await two.createRequest(asked);
    const second = (await one.decide(again.id, { approve: true, decidedBy: 'user:default/carol' })).grant!;
    clock.now += 1_000;
    expect(await two.revokeGrant(second.id, 'user:default/alice')).toMatchObject({ revokedBy: 'user:default/alice', revokedAt: clock.now });
    expect(await one.activeGrants(BOB)).toEqual([]);
    await expect(one.revokeGrant('00000000-0000-4000-8000-000000000000', 'user:default/alice')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it.each(databases.eachSupportedId())('record each expiry once, however many replicas sweep, and never a revoked grant (%s)', async databaseId => {
    const { one, two, clock } = await replicas(databaseId);
    const ask = async (userEntityRef: string) => {
      const request = await one.createRequest({ ...asked, userEntityRef });
      return (await one.decide(request.id, { approve: true, decidedBy: 'user:default/carol' })).grant!;
    };
    const [ends, revoked] = [await ask(BOB), await ask('user:default/dave')];
    await two.revokeGrant(revoked.id, 'user:default/carol');
    const recorded: string[] = [];
    const record = async (grant: { id: string }) => {
      recorded.push(grant.id);
    };
    expect(await one.recordExpiries(record)).toBe(0);
    clock.now += 120 * 60_000;
    const counts = await Promise.all([one.recordExpiries(record), two.recordExpiries(record), one.recordExpiries(record)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(recorded).toEqual([ends.id]);
    expect(await two.recordExpiries(record)).toBe(0);
  });
});
