import { checkRegistrantClaims, RegistrantClaimRules } from './registrantClaims';
import { normalizeTokenAudiences } from './tokenAudience';
import { CLAIM_CASES, CLAIM_CONFIG, CLAIMED_APPS } from './testing/claimingEntities';

const RULES: RegistrantClaimRules = {
  tokenAudiences: normalizeTokenAudiences([
    { entityRef: 'component:default/orders', audience: 'https://apps.example.com/orders' },
  ]).audiences,
  tenants: [
    { id: 'commerce', namespaces: ['default'] },
    { id: 'logistics', namespaces: ['logistics'] },
  ],
};

const component = (namespace: string, name: string, annotations: Record<string, string>) => ({
  kind: 'Component',
  metadata: { namespace, name, annotations: { 'luigi-project.io/view-url': 'https://apps.example.com/x/', ...annotations } },
});

describe('checkRegistrantClaims', () => {
  it('finds nothing in an entity that restates what config gives it, or claims nothing', () => {
    expect(checkRegistrantClaims(component('default', 'orders', {}), RULES)).toEqual([]);
    expect(
      checkRegistrantClaims(
        component('default', 'orders', {
          'luigi-project.io/token-audience': 'https://apps.example.com/orders',
          'luigi-project.io/tenant': 'commerce',
        }),
        RULES,
      ),
    ).toEqual([]);
    expect(
      checkRegistrantClaims(component('logistics', 'shipments', { 'luigi-project.io/token-audience': 'component:logistics/shipments' }), RULES),
    ).toEqual([]);
  });

  it("refuses bob's claims, as the other teams would be attacked: their audiences and their tenant", () => {
    const problems = checkRegistrantClaims(
      component('default', 'bobs-app', {
        'luigi-project.io/token-audience': 'component:logistics/shipments',
        'luigi-project.io/tenant': 'logistics',
      }),
      RULES,
    );
    expect(problems).toEqual([
      { annotation: 'luigi-project.io/token-audience', reason: expect.stringContaining('belongs to component:logistics/shipments') },
      { annotation: 'luigi-project.io/tenant', reason: expect.stringContaining('namespace default is in tenant commerce') },
    ]);
    expect(
      checkRegistrantClaims(component('default', 'bobs-app', { 'luigi-project.io/token-audience': 'https://apps.example.com/orders' }), RULES),
    ).toEqual([{ annotation: 'luigi-project.io/token-audience', reason: expect.stringContaining('belongs to component:default/orders') }]);
  });

  it('compares entity refs case-insensitively, as the catalog does', () => {
    expect(
      checkRegistrantClaims(component('Default', 'Orders', { 'luigi-project.io/token-audience': 'https://apps.example.com/orders' }), RULES),
    ).toEqual([]);
  });

  it("refuses an entity's own ref once config assigned it another audience", () => {
    expect(
      checkRegistrantClaims(component('default', 'orders', { 'luigi-project.io/token-audience': 'component:default/orders' }), RULES),
    ).toEqual([{ annotation: 'luigi-project.io/token-audience', reason: expect.stringContaining('is not assigned') }]);
  });

  it('reads nothing from annotations that are not a map', () => {
    const broken = { kind: 'Component', metadata: { name: 'x', annotations: 'oops' as unknown as Record<string, string> } };
    expect(checkRegistrantClaims(broken, RULES)).toEqual([]);
  });
});

describe('checkRegistrantClaims given the claims corpus', () => {
  const rules: RegistrantClaimRules = {
    tokenAudiences: normalizeTokenAudiences(CLAIM_CONFIG.tokens.audiences).audiences,
    tenants: CLAIM_CONFIG.tenants,
  };

  it.each(CLAIM_CASES.map(item => [item.name, item.tests, item] as const))('refuses %s (%s)', (_name, _tests, item) => {
    const problems = checkRegistrantClaims(item.entity, rules);
    expect(problems.map(problem => problem.annotation)).toEqual(item.annotations);
    problems.forEach((problem, index) => expect(problem.reason).toContain(item.reasons[index]));
  });

  it('finds nothing wrong with the apps whose audiences and tenant are claimed', () => {
    for (const app of CLAIMED_APPS) expect(checkRegistrantClaims(app, rules)).toEqual([]);
  });
});
