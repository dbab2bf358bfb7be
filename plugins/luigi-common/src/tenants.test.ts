import { checkTenantAnnotation, parseTenants, tenantOfEntity, TENANT_ID_PATTERN } from './tenants';

const TENANTS = [
  { id: 'commerce', namespaces: ['default', 'Shop'] },
  { id: 'logistics', namespaces: ['logistics'] },
];

const entity = (namespace: string | undefined, annotations?: Record<string, string>) => ({
  metadata: { namespace, annotations },
});

describe('tenantOfEntity', () => {
  it("is the tenant listing the entity's namespace, case-insensitively", () => {
    expect(tenantOfEntity(entity('default'), TENANTS)).toBe('commerce');
    expect(tenantOfEntity(entity('shop'), TENANTS)).toBe('commerce');
    expect(tenantOfEntity(entity('Logistics'), TENANTS)).toBe('logistics');
  });

  it('takes an entity without a namespace for one in default', () => {
    expect(tenantOfEntity(entity(undefined), TENANTS)).toBe('commerce');
  });

  it('is none for a namespace no tenant lists', () => {
    expect(tenantOfEntity(entity('payments'), TENANTS)).toBeUndefined();
  });

  it('is decided by config alone: the tenant annotation never moves an entity (the attack: a tenant claimed)', () => {
    expect(tenantOfEntity(entity('default', { 'luigi-project.io/tenant': 'logistics' }), TENANTS)).toBe('commerce');
    expect(tenantOfEntity(entity('payments', { 'luigi-project.io/tenant': 'commerce' }), TENANTS)).toBeUndefined();
  });

  it('is none without tenants', () => {
    expect(tenantOfEntity(entity('default'), [])).toBeUndefined();
  });
});

describe('checkTenantAnnotation', () => {
  const annotated = (namespace: string, tenant: string) => entity(namespace, { 'luigi-project.io/tenant': tenant });

  it("accepts the annotation restating the namespace's tenant, and no annotation", () => {
    expect(checkTenantAnnotation(annotated('default', 'commerce'), TENANTS)).toBeUndefined();
    expect(checkTenantAnnotation(annotated('Shop', ' commerce '), TENANTS)).toBeUndefined();
    expect(checkTenantAnnotation(entity('payments'), TENANTS)).toBeUndefined();
  });

  it("refuses another tenant, naming the namespace's own", () => {
    expect(checkTenantAnnotation(annotated('default', 'logistics'), TENANTS)).toBe(
      'the annotation names tenant "logistics", but namespace default is in tenant commerce (only luigi.tenants decides)',
    );
  });

  it('refuses any tenant for a namespace in none, and a tenant that does not exist', () => {
    expect(checkTenantAnnotation(annotated('payments', 'commerce'), TENANTS)).toContain('namespace payments is in no tenant');
    expect(checkTenantAnnotation(annotated('default', 'retail'), TENANTS)).toContain('names tenant "retail"');
  });

  it('quotes the annotation as plain text', () => {
    expect(checkTenantAnnotation(annotated('default', 'x\u202e'.repeat(100)), TENANTS)).not.toMatch(/[\u202e]/);
  });

  it('is ignored without tenants', () => {
    expect(checkTenantAnnotation(annotated('default', 'logistics'), [])).toBeUndefined();
  });
});

describe('TENANT_ID_PATTERN', () => {
  it.each(['a', 'commerce', 'eu-west-1', '0', 'a'.repeat(63)])('accepts %s', id => {
    expect(TENANT_ID_PATTERN.test(id)).toBe(true);
  });

  it.each(['', 'Commerce', '-a', 'a-', 'a_b', 'a.b', 'a b', 'a'.repeat(64), 'ä'])('refuses %j', id => {
    expect(TENANT_ID_PATTERN.test(id)).toBe(false);
  });
});

describe('parseTenants', () => {
  it('reads a tenants answer, keeping only the known fields', () => {
    expect(
      parseTenants({ configured: true, tenants: [{ id: 'commerce', title: 'Commerce', namespaces: ['default'] }] }),
    ).toEqual({ configured: true, tenants: [{ id: 'commerce', title: 'Commerce' }] });
    expect(parseTenants({ configured: false, tenants: [] })).toEqual({ configured: false, tenants: [] });
  });

  it.each([
    ['nothing', undefined],
    ['no configured flag', { tenants: [] }],
    ['tenants that are not a list', { configured: true, tenants: {} }],
    ['a tenant without a title', { configured: true, tenants: [{ id: 'commerce' }] }],
    ['a malformed tenant id', { configured: true, tenants: [{ id: 'Commerce', title: 'Commerce' }] }],
    ['a null tenant', { configured: true, tenants: [null] }],
    ['an HTML error page', '<html>Bad gateway</html>'],
  ])('refuses %s', (_label, value) => {
    expect(() => parseTenants(value)).toThrow('The luigi backend answered the tenants request with something else');
  });
});
