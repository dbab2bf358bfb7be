import { mockServices } from '@backstage/backend-test-utils';
import { automaticApprovalFor, DEFAULT_DURATIONS_MINUTES, readAccessRequestConfig } from './accessRequestConfig';

const read = (accessRequests: unknown) => readAccessRequestConfig(mockServices.rootConfig({ data: { luigi: { accessRequests } as any } }));

describe('luigi.accessRequests', () => {
  it('is off unless enabled, and offers an hour to a week by default', () => {
    expect(readAccessRequestConfig(mockServices.rootConfig({ data: {} }))).toBeUndefined();
    expect(read({ durationsMinutes: [60] })).toBeUndefined();
    expect(read({ enabled: true })).toEqual({ durationsMinutes: DEFAULT_DURATIONS_MINUTES, automaticApprovals: [] });
  });

  it('stops the backend with a message for durations and rules that make no sense', () => {
    expect(() => read({ enabled: true, durationsMinutes: [] })).toThrow(/durationsMinutes/);
    expect(() => read({ enabled: true, durationsMinutes: [0.5] })).toThrow(/whole numbers of minutes/);
    expect(() => read({ enabled: true, durationsMinutes: [365 * 24 * 60] })).toThrow(/from 1 to 129600/);
    expect(() => read({ enabled: true, durationsMinutes: '480' })).toThrow(/list of minutes/);
    const rule = { requesterGroup: 'ops', ownerGroup: 'group:default/team-orders', maxMinutes: 480 };
    expect(() => read({ enabled: true, durationsMinutes: [60, 480], automaticApprovals: [{ ...rule, maxMinutes: 481 }] })).toThrow(/maxMinutes/);
    expect(() => read({ enabled: true, automaticApprovals: [{ ...rule, requesterGroup: 'user:default/bob' }] })).toThrow(/requesterGroup must be a group/);
    expect(read({ enabled: true, automaticApprovals: [rule] })?.automaticApprovals).toEqual([
      { name: 'rule-1', requesterGroup: 'group:default/ops', ownerGroup: 'group:default/team-orders', maxMinutes: 480 },
    ]);
  });

  it('approves automatically only members of the rule’s group, for its owner’s apps, within its bound', () => {
    const rules = [{ name: 'ops', requesterGroup: 'group:default/ops', ownerGroup: 'group:default/team-orders', maxMinutes: 480 }];
    const ask = { requesterOwnershipRefs: ['user:default/dave', 'group:default/ops'], ownerRef: 'group:default/team-orders', durationMinutes: 480 };
    expect(automaticApprovalFor(rules, ask)?.name).toBe('ops');
    expect(automaticApprovalFor(rules, { ...ask, durationMinutes: 1440 })).toBeUndefined();
    expect(automaticApprovalFor(rules, { ...ask, ownerRef: 'group:default/team-billing' })).toBeUndefined();
    expect(automaticApprovalFor(rules, { ...ask, requesterOwnershipRefs: ['user:default/dave'] })).toBeUndefined();
  });
});

describe("the access requests configuration of docs/access.md", () => {
  it('is read as written, with its automatic approval rule', () => {
    const { readFileSync } = require('node:fs') as typeof import('node:fs');
    const { join } = require('node:path') as typeof import('node:path');
    const { parse } = require('yaml') as typeof import('yaml');
    const doc = readFileSync(join(__dirname, '../../../../docs/access.md'), 'utf8');
    expect(doc).toContain('\n## Access requests\n');
    const section = doc.slice(doc.indexOf('\n## Access requests\n'));
    const block = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => parse(m[1])).find(doc => doc?.luigi?.accessRequests);
    expect(block).toBeDefined();
    expect(readAccessRequestConfig(mockServices.rootConfig({ data: block }))).toEqual({
      durationsMinutes: [60, 480, 1440, 10080],
      automaticApprovals: [{ name: 'on-call', requesterGroup: 'group:default/sre', ownerGroup: 'group:default/team-orders', maxMinutes: 480 }],
    });
  });
});
