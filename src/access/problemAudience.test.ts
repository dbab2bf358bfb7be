import { problemsShownTo } from './problemAudience';

const problems = [
  { entityRef: 'component:default/orders', owner: 'group:default/team-orders' },
  { entityRef: 'component:default/billing', owner: 'group:default/Team-Billing' },
  { entityRef: 'component:default/mine', owner: 'user:default/bob' },
  { entityRef: 'broken', owner: undefined },
];
const refs = (shown: Array<{ entityRef: string }>) => shown.map(problem => problem.entityRef);

describe('problemsShownTo', () => {
  it('shows an admin every problem, those without an owner too', () => {
    expect(refs(problemsShownTo(problems, { admin: true, ownershipRefs: [] }))).toEqual(refs(problems));
  });

  it("shows anybody else only their own entities' problems, refs compared case-insensitively", () => {
    const viewer = { admin: false, ownershipRefs: ['user:default/bob', 'group:default/team-billing'] };
    expect(refs(problemsShownTo(problems, viewer))).toEqual(['component:default/billing', 'component:default/mine']);
  });

  it('shows nobody a problem without an owner but admins, and nothing while the viewer is not known', () => {
    expect(problemsShownTo(problems, { admin: false, ownershipRefs: [] })).toEqual([]);
    expect(problemsShownTo(problems, undefined)).toEqual([]);
  });
});
