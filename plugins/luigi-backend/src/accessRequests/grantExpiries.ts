import { AuditorService, SchedulerService } from '@backstage/backend-plugin-api';
import { LUIGI_AUDIT_EVENTS } from 'backstage-plugin-luigi-common';
import { AccessRequestStore } from './accessRequestStore';

/** How often the backend looks for grants that ended by themselves, to record them. */
export const EXPIRY_SWEEP_SECONDS = 30;

/**
 * Records in the audit trail each access grant that ended by itself (`access-grant-expire`, the
 * backend as actor), once: a scheduled task every {@link EXPIRY_SWEEP_SECONDS} seconds, run by one
 * replica at a time (Backstage's scheduler), and the store marks each expiry before it is recorded.
 * The grant needs no sweep to end: the store stops answering it at its hour.
 */
export async function scheduleGrantExpiries(deps: { scheduler: SchedulerService; store: AccessRequestStore; auditor: AuditorService }) {
  await deps.scheduler.scheduleTask({
    id: 'luigi-access-grant-expiries',
    frequency: { seconds: EXPIRY_SWEEP_SECONDS },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 5 },
    fn: async () => {
      await deps.store.recordExpiries(async grant => {
        const event = await deps.auditor.createEvent({
          eventId: LUIGI_AUDIT_EVENTS.accessGrantExpire,
          severityLevel: 'medium',
          meta: {
            grantId: grant.id,
            entityRef: grant.entityRef,
            user: grant.userEntityRef,
            grantedBy: grant.grantedBy,
            expiresAt: new Date(grant.expiresAt).toISOString(),
          },
        });
        await event.success();
      });
    },
  });
}
