import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * An automatic approval rule (`luigi.accessRequests.automaticApprovals[]`): members of
 * `requesterGroup` get the apps `ownerGroup` owns, for at most `maxHours`, without waiting.
 */
export interface AutomaticApprovalRule {
  name: string;
  requesterGroup: string;
  ownerGroup: string;
  maxHours: number;
}

/** `luigi.accessRequests`, read. */
export interface AccessRequestConfig {
  /** The durations a user may ask for, in hours, ascending. */
  durationsHours: number[];
  automaticApprovals: AutomaticApprovalRule[];
}

/** Default `luigi.accessRequests.durationsHours`: an hour, a working day, a day, a week. */
export const DEFAULT_DURATIONS_HOURS = [1, 8, 24, 168];
/** The longest grant any configuration may offer: 90 days. Access for longer is a role, not a request. */
export const MAX_DURATION_HOURS = 90 * 24;

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
 * message, for a duration that is no positive whole number of hours up to 90 days, or a rule without
 * its groups or with a `maxHours` outside the offered durations.
 */
export function readAccessRequestConfig(config: RootConfigService): AccessRequestConfig | undefined {
  const section = config.getOptionalConfig('luigi.accessRequests');
  if (section?.getOptionalBoolean('enabled') !== true) return undefined;
  const listed = section.getOptional('durationsHours');
  if (listed !== undefined && !Array.isArray(listed)) throw new Error('luigi.accessRequests.durationsHours must be a list of hours');
  const durationsHours = [...((listed as unknown[] | undefined) ?? DEFAULT_DURATIONS_HOURS)].sort((a, b) => Number(a) - Number(b)) as number[];
  if (durationsHours.length === 0 || durationsHours.some(h => typeof h !== 'number' || !Number.isInteger(h) || h < 1 || h > MAX_DURATION_HOURS)) {
    throw new Error(`luigi.accessRequests.durationsHours must list whole numbers of hours from 1 to ${MAX_DURATION_HOURS}`);
  }
  const automaticApprovals = (section.getOptionalConfigArray('automaticApprovals') ?? []).map((rule, index) => {
    const key = `luigi.accessRequests.automaticApprovals[${index}]`;
    const maxHours = rule.getNumber('maxHours');
    if (!Number.isInteger(maxHours) || maxHours < 1 || maxHours > durationsHours[durationsHours.length - 1]) {
      throw new Error(`${key}.maxHours must be a whole number of hours up to the longest duration offered`);
    }
    return {
      name: rule.getOptionalString('name') ?? `rule-${index + 1}`,
      requesterGroup: groupRef(rule.getString('requesterGroup'), `${key}.requesterGroup`),
      ownerGroup: groupRef(rule.getString('ownerGroup'), `${key}.ownerGroup`),
      maxHours,
    };
  });
  return { durationsHours, automaticApprovals };
}

/**
 * The first rule that approves this request by itself: the requester is a member of its
 * requester group (their ownership refs say so), the app's owner is its owner group, and the
 * duration is within its bound.
 */
export function automaticApprovalFor(
  rules: readonly AutomaticApprovalRule[],
  request: { requesterOwnershipRefs: readonly string[]; ownerRef: string; durationHours: number },
): AutomaticApprovalRule | undefined {
  const memberOf = new Set(request.requesterOwnershipRefs.map(ref => ref.toLocaleLowerCase('en-US')));
  return rules.find(
    rule =>
      memberOf.has(rule.requesterGroup.toLocaleLowerCase('en-US')) &&
      rule.ownerGroup.toLocaleLowerCase('en-US') === request.ownerRef.toLocaleLowerCase('en-US') &&
      request.durationHours <= rule.maxHours,
  );
}
