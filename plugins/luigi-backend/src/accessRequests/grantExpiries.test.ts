import { AuditorService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AccessRequestStore } from './accessRequestStore';
import { EXPIRY_SWEEP_SECONDS, scheduleGrantExpiries } from './grantExpiries';

jest.setTimeout(60_000);

describe('recording the grants that end by themselves', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('schedules a sweep that puts each expiry in the audit trail once, with the backend as actor', async () => {
    const knex = await databases.init('SQLITE_3');
    const clock = { now: 1_800_000_000_000 };
    const store = await AccessRequestStore.create({ database: mockServices.database({ knex }), now: () => clock.now });
    const request = await store.createRequest({ userEntityRef: 'user:default/bob', entityRef: 'component:default/orders', ownerRef: 'group:default/team-orders', durationMinutes: 1 });
    const { grant } = await store.decide(request.id, { approve: true, decidedBy: 'user:default/carol' });

    const tasks: Array<SchedulerServiceTaskScheduleDefinition & { id: string; fn: () => Promise<void> }> = [];
    const scheduler = { scheduleTask: async (task: any) => void tasks.push(task) } as any;
    const recorded: unknown[] = [];
    const auditor: AuditorService = {
      async createEvent(options) {
        return { success: async () => void recorded.push({ ...options, status: 'succeeded' }), fail: async () => undefined };
      },
    };
    await scheduleGrantExpiries({ scheduler, store, auditor });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id: 'luigi-access-grant-expiries', frequency: { seconds: EXPIRY_SWEEP_SECONDS } });

    await tasks[0].fn();
    expect(recorded).toEqual([]);
    clock.now = grant!.expiresAt;
    await tasks[0].fn();
    await tasks[0].fn();
    expect(recorded).toEqual([
      {
        eventId: 'access-grant-expire',
        severityLevel: 'medium',
        meta: {
          grantId: grant!.id,
          entityRef: 'component:default/orders',
          user: 'user:default/bob',
          grantedBy: 'user:default/carol',
          expiresAt: new Date(grant!.expiresAt).toISOString(),
        },
        status: 'succeeded',
      },
    ]);
  });
});
