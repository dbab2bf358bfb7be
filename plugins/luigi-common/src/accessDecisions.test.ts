import { parseAccessDecisions } from './accessDecisions';

describe('parseAccessDecisions', () => {
  it('reads a well-formed answer', () => {
    const answer = {
      mode: 'permission-framework',
      decisions: [
        { entityRef: 'component:default/orders', result: 'allow' },
        { entityRef: 'component:default/billing', result: 'deny', reason: 'policy' },
      ],
    };
    expect(parseAccessDecisions(answer)).toEqual(answer);
  });

  it('reads the tenant of allowed decisions and every tenant denial reason', () => {
    const answer = {
      mode: 'permission-framework',
      decisions: [
        { entityRef: 'component:default/orders', result: 'allow', tenant: 'commerce' },
        ...['tenant-denied', 'other-tenant', 'no-tenant', 'origin-not-in-tenant'].map(reason => ({
          entityRef: `component:default/${reason}`,
          result: 'deny',
          reason,
        })),
      ],
    };
    expect(parseAccessDecisions(answer)).toEqual(answer);
  });

  it.each([
    ['nothing', undefined],
    ['an unknown mode', { mode: 'open', decisions: [] }],
    ['decisions that are not a list', { mode: 'closed', decisions: {} }],
    ['an unknown result', { mode: 'closed', decisions: [{ entityRef: 'a:b/c', result: 'maybe' }] }],
    ['a denial without a known reason', { mode: 'closed', decisions: [{ entityRef: 'a:b/c', result: 'deny' }] }],
    ['a decision without an entity ref', { mode: 'closed', decisions: [{ result: 'allow' }] }],
    ['an allowed decision with a tenant that is not a string', { mode: 'closed', decisions: [{ entityRef: 'a:b/c', result: 'allow', tenant: 1 }] }],
    ['an HTML error page', '<html>Bad gateway</html>'],
  ])('refuses %s', (_label, value) => {
    expect(() => parseAccessDecisions(value)).toThrow(/access decisions/);
  });
});
