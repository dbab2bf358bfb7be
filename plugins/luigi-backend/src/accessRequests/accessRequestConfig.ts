import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * An automatic approval rule (`luigi.accessRequests.automaticApprovals[]`): members of
 * `requesterGroup` get the apps `ownerGroup` owns, for at most `maxMinutes`, without waiting.
 */
export interface AutomaticApprovalRule {
  name: string;
  requesterGroup: string;
  ownerGroup: string;
  maxMinutes: number;
}

/** `luigi.accessRequests`, read. */
export interface AccessRequestConfig {
  /** The durations a user may ask for, in minutes, ascending. */
  durationsMinutes: number[];
  automaticApprovals: AutomaticApprovalRule[];
}

/** Default `luigi.accessRequests.durationsMinutes`: an hour, a working day, a day, a week. */
export const DEFAULT_DURATIONS_MINUTES = [60, 480, 1440, 10080];
/** The longest grant any configuration may offer: 90 days. Access for longer is a role, not a request. */
export const MAX_DURATION_MINUTES = 90 * 24 * 60;

const groupRef = (value: string, key: string) => {
  try {
    const ref = parseEntityRef(value, { defaultKind: 'group', defaultNamespace: 'default' });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') throw new Error('not a group');
    return stringifyEntityRef(ref);
  } catch {
    throw new Error(`${key} must be a group entity ref, such as group:default/platform-admins`);
  }
};

/**
 * `luigi.accessRequests`: undefined unless `enabled` is true (access requests are off by default:
 * grants mean something only to a policy that honours them). Throws, stopping the backend with its
 * message, for a duration that is no positive whole number of minutes up to 90 days, or a rule without
 * its groups or with a `maxMinutes` outside the offered durations.
 */
export function readAccessRequestConfig(config: RootConfigService): AccessRequestConfig | undefined {
  const section = config.getOptionalConfig('luigi.accessRequests');
  if (section?.getOptionalBoolean('enabled') !== true) return undefined;
  const listed = section.getOptional('durationsMinutes');
  if (listed !== undefined && !Array.isArray(listed)) throw new Error('luigi.accessRequests.durationsMinutes must be a list of minutes');
  const durationsMinutes = [...((listed as unknown[] | undefined) ?? DEFAULT_DURATIONS_MINUTES)].sort((a, b) => Number(a) - Number(b)) as number[];
  if (durationsMinutes.length === 0 || durationsMinutes.some(h => typeof h !== 'number' || !Number.isInteger(h) || h < 1 || h > MAX_DURATION_MINUTES)) {
    throw new Error(`luigi.accessRequests.durationsMinutes must list whole numbers of minutes from 1 to ${MAX_DURATION_MINUTES}`);
  }
  const automaticApprovals = (section.getOptionalConfigArray('automaticApprovals') ?? []).map((rule, index) => {
    const key = `luigi.accessRequests.automaticApprovals[${index}]`;
    const maxMinutes = rule.getNumber('maxMinutes');
    if (!Number.isInteger(maxMinutes) || maxMinutes < 1 || maxMinutes > durationsMinutes[durationsMinutes.length - 1]) {
      throw new Error(`${key}.maxMinutes must be a whole number of minutes up to the longest duration offered`);
    }
    return {
      name: rule.getOptionalString('name') ?? `rule-${index + 1}`,
      requesterGroup: groupRef(rule.getString('requesterGroup'), `${key}.requesterGroup`),
      ownerGroup: groupRef(rule.getString('ownerGroup'), `${key}.ownerGroup`),
      maxMinutes,
    };
  });
  return { durationsMinutes, automaticApprovals };
}

/**
 * The first rule that approves this request by itself: the requester is a member of its
 * requester group (their ownership refs say so), the app's owner is its owner group, and the
 * duration is within its bound.
 */
export function automaticApprovalFor(
  rules: readonly AutomaticApprovalRule[],
  request: { requesterOwnershipRefs: readonly string[]; ownerRef: string; durationMinutes: number },
): AutomaticApprovalRule | undefined {
  const memberOf = new Set(request.requesterOwnershipRefs.map(ref => ref.toLocaleLowerCase('en-US')));
  return rules.find(
    rule =>
      memberOf.has(rule.requesterGroup.toLocaleLowerCase('en-US')) &&
      rule.ownerGroup.toLocaleLowerCase('en-US') === request.ownerRef.toLocaleLowerCase('en-US') &&
      request.durationMinutes <= rule.maxMinutes,
  );
}
