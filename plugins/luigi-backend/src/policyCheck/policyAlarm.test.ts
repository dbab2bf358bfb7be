import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { luigiMicroFrontendOpenPermission, luigiTenantEnterPermission } from 'backstage-plugin-luigi-common';
import { POLICY_REPORT_INTERVAL_MS, PolicyAlarm, RUNTIME_WARNING_SHOWN_MS } from './policyAlarm';
import { allowAllModuleWarning, unconditionalAllowWarning } from './policyWarnings';
import { watchOpenDecisions } from './watchOpenDecisions';

const GUEST = 'user:default/guest';

function alarmAt(clock: { now: number }, onPurpose = false) {
  const logger = mockServices.logger.mock();
  const events: Array<{ eventId: string; severityLevel?: string; meta?: unknown; outcome?: string }> = [];
  const auditor = {
    async createEvent(options: any) {
      const event = { eventId: options.eventId, severityLevel: options.severityLevel, meta: options.meta } as any;
      events.push(event);
      return {
        success: async () => {
          event.outcome = 'succeeded';
        },
        fail: async () => {
          event.outcome = 'failed';
        },
      };
    },
  };
  const alarm = new PolicyAlarm({ logger, auditor, onPurpose, now: () => clock.now });
  return { alarm, logger, events };
}

describe('PolicyAlarm', () => {
  it('reports a kind of finding once per hour, and shows a run-time finding for a day after it was last found', async () => {
    const clock = { now: Date.parse('2026-12-07T10:00:00Z') };
    const { alarm, logger, events } = alarmAt(clock);
    const warning = () => unconditionalAllowWarning(GUEST, new Date(clock.now));
    expect(await alarm.report(warning(), { user: GUEST })).toBe(true);
    expect(await alarm.report(warning(), { user: GUEST })).toBe(false);
    clock.now += POLICY_REPORT_INTERVAL_MS - 1;
    expect(alarm.due('unconditional-allow-without-group')).toBe(false);
    clock.now += 1;
    expect(await alarm.report(warning(), { user: GUEST })).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(events).toEqual([
      expect.objectContaining({ eventId: 'policy-open-to-everyone', severityLevel: 'high', outcome: 'succeeded' }),
      expect.objectContaining({ eventId: 'policy-open-to-everyone', severityLevel: 'high', outcome: 'succeeded' }),
    ]);
    expect(alarm.warnings()).toEqual([warning()]);
    clock.now += RUNTIME_WARNING_SHOWN_MS;
    expect(alarm.warnings()).toEqual([]);
  });

  it('shows a startup finding until restart, and each kind on its own schedule', async () => {
    const clock = { now: Date.parse('2026-12-07T10:00:00Z') };
    const { alarm } = alarmAt(clock);
    await alarm.report(allowAllModuleWarning(new Date(clock.now)), { persistent: true });
    expect(alarm.due('unconditional-allow-without-group')).toBe(true);
    await alarm.report(unconditionalAllowWarning(GUEST, new Date(clock.now)), { user: GUEST });
    clock.now += 30 * RUNTIME_WARNING_SHOWN_MS;
    expect(alarm.warnings().map(w => w.id)).toEqual(['allow-all-module']);
  });

  it('on purpose: logs at info, shows nothing, and still records the event', async () => {
    const clock = { now: Date.parse('2026-12-07T10:00:00Z') };
    const { alarm, logger, events } = alarmAt(clock, true);
    await alarm.report(allowAllModuleWarning(new Date(clock.now)), { persistent: true });
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/kept on purpose/));
    expect(alarm.warnings()).toEqual([]);
    expect(events).toEqual([expect.objectContaining({ meta: expect.objectContaining({ onPurpose: true }) })]);
  });
});

describe('watchOpenDecisions', () => {
  function watched(answer: (permissionName: string) => unknown, groups: Record<string, string[]> = {}) {
    const clock = { now: Date.parse('2026-12-07T10:00:00Z') };
    const { alarm, events } = alarmAt(clock);
    const lookups: string[] = [];
    const userInfo = {
      async getUserInfo(credentials: any) {
        const userEntityRef = credentials.principal.userEntityRef;
        lookups.push(userEntityRef);
        return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...(groups[userEntityRef] ?? [])] };
      },
    };
    const inner = mockServices.permissions.mock({
      authorizeConditional: async requests => requests.map(r => answer(r.permission.name)) as any,
    });
    const permissions = watchOpenDecisions(inner, { userInfo, alarm, logger: mockServices.logger.mock(), now: () => clock.now });
    const ask = (user: string) =>
      permissions.authorizeConditional(
        [{ permission: luigiTenantEnterPermission }, { permission: luigiMicroFrontendOpenPermission }],
        { credentials: mockCredentials.user(user) },
      );
    return { ask, clock, events, lookups, alarm };
  }

  it('reports an ALLOW to open for a user in no group, and passes the answers through unchanged', async () => {
    const { ask, events } = watched(() => ({ result: AuthorizeResult.ALLOW }));
    expect(await ask(GUEST)).toEqual([{ result: AuthorizeResult.ALLOW }, { result: AuthorizeResult.ALLOW }]);
    expect(events).toEqual([
      expect.objectContaining({ meta: expect.objectContaining({ signal: 'unconditional-allow-without-group', user: GUEST }) }),
    ]);
  });

  it('looks at each user at most once an hour, and at nobody while the alarm is not due', async () => {
    const { ask, clock, lookups, events } = watched(() => ({ result: AuthorizeResult.ALLOW }), {
      'user:default/alice': ['group:default/platform-admins'],
    });
    await ask('user:default/alice');
    await ask('user:default/alice');
    expect(lookups).toEqual(['user:default/alice']);
    await ask(GUEST);
    await ask('user:default/another-guest');
    expect(lookups).toEqual(['user:default/alice', GUEST]);
    expect(events).toHaveLength(1);
    clock.now += POLICY_REPORT_INTERVAL_MS;
    await ask('user:default/another-guest');
    expect(events).toHaveLength(2);
  });

  it('ignores CONDITIONAL and DENY to open, an ALLOW of another permission, and answers that are no list', async () => {
    const conditional = watched(name =>
      name === luigiMicroFrontendOpenPermission.name
        ? { result: AuthorizeResult.CONDITIONAL, pluginId: 'catalog', resourceType: 'catalog-entity', conditions: {} }
        : { result: AuthorizeResult.ALLOW },
    );
    await conditional.ask(GUEST);
    const denied = watched(name => ({ result: name === luigiMicroFrontendOpenPermission.name ? AuthorizeResult.DENY : AuthorizeResult.ALLOW }));
    await denied.ask(GUEST);
    for (const { lookups, events } of [conditional, denied]) {
      expect(lookups).toEqual([]);
      expect(events).toEqual([]);
    }
  });

  it('answers even when looking at the user fails', async () => {
    const clock = { now: 0 };
    const { alarm, events } = alarmAt(clock);
    const inner = mockServices.permissions.mock({
      authorizeConditional: async () => [{ result: AuthorizeResult.ALLOW }] as any,
    });
    const userInfo = { getUserInfo: async () => Promise.reject(new Error('auth backend down')) };
    const permissions = watchOpenDecisions(inner, { userInfo, alarm, logger: mockServices.logger.mock() });
    await expect(
      permissions.authorizeConditional([{ permission: luigiMicroFrontendOpenPermission }], {
        credentials: mockCredentials.user(GUEST),
      }),
    ).resolves.toEqual([{ result: AuthorizeResult.ALLOW }]);
    expect(events).toEqual([]);
  });
});
