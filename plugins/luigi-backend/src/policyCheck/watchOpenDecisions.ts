import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';
import { isUserCredentials } from '../access/userCredentials';
import { TtlCache } from '../cache/ttlCache';
import { POLICY_REPORT_INTERVAL_MS, PolicyAlarm } from './policyAlarm';
import { unconditionalAllowWarning } from './policyWarnings';

/** The most users whose membership was looked at in the last {@link POLICY_REPORT_INTERVAL_MS}. */
export const MAX_WATCHED_USERS = 10_000;

/** What {@link watchOpenDecisions} needs. */
export interface WatchOpenDecisionsOptions {
  /** Where a user's groups come from: the same service the permission backend gives the policy. */
  userInfo: UserInfoService;
  alarm: PolicyAlarm;
  logger: LoggerService;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/**
 * The permissions service, watching the policy's definitive answers to `luigi.micro-frontend.open`
 * (`authorizeConditional`, which the plugin's routes ask once per request): an ALLOW for a user who
 * belongs to no group (their ownership refs hold nothing but themselves) means the policy lets users
 * in without regard to any group or owner, which lets everybody in. That is reported through `alarm`.
 * A policy that allows admins by group and everybody else by condition (CONDITIONAL) is never
 * reported; a user named in the policy by their own ref who belongs to no group is (the fix says so).
 *
 * Cheap by design: nothing is looked up while the alarm is not due, and each user's membership at
 * most once per {@link POLICY_REPORT_INTERVAL_MS}. The answer waits for that one lookup (so the order
 * of what a replica logs is the order of its requests), and never fails because of it.
 */
export function watchOpenDecisions(permissions: PermissionsService, options: WatchOpenDecisionsOptions): PermissionsService {
  const { userInfo, alarm, logger } = options;
  const looked = new TtlCache<true>({ maxEntries: MAX_WATCHED_USERS, ttlMs: POLICY_REPORT_INTERVAL_MS, now: options.now });

  const lookAt = async (credentials: BackstageCredentials) => {
    if (!isUserCredentials(credentials) || !alarm.due('unconditional-allow-without-group')) return;
    const user = credentials.principal.userEntityRef;
    if (looked.peek(user)) return;
    looked.set(user, Promise.resolve(true));
    try {
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      const groups = ownershipEntityRefs.filter(ref => ref.toLocaleLowerCase('en-US') !== user.toLocaleLowerCase('en-US'));
      if (groups.length > 0) return;
      const now = new Date((options.now ?? Date.now)());
      await alarm.report(unconditionalAllowWarning(user, now), { user });
    } catch (error) {
      // The check is advice: the request is answered whatever happens here.
      logger.debug(`Could not check whether the policy lets everybody open micro apps: ${error}`);
    }
  };

  const authorizeConditional: PermissionsService['authorizeConditional'] = async (requests, options) => {
    const answers = await permissions.authorizeConditional(requests, options);
    const allowsOpening =
      Array.isArray(answers) &&
      requests.some(
        (request, index) =>
          request.permission.name === luigiMicroFrontendOpenPermission.name &&
          (answers[index] as { result?: unknown } | undefined)?.result === AuthorizeResult.ALLOW,
      );
    if (allowsOpening) await lookAt(options.credentials);
    return answers;
  };

  return {
    authorize: (requests, options) => permissions.authorize(requests, options),
    authorizeConditional,
  } as PermissionsService;
}
