import { parseTenants, tenantOfEntity, TENANT_ID_PATTERN } from './tenants';

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

  it('follows the tenant annotation before the namespace', () => {
    expect(tenantOfEntity(entity('default', { 'luigi-project.io/tenant': 'logistics' }), TENANTS)).toBe('logistics');
    expect(tenantOfEntity(entity('payments', { 'luigi-project.io/tenant': ' commerce ' }), TENANTS)).toBe('commerce');
  });

  it('is none for an annotation naming no configured tenant, whatever the namespace', () => {
    expect(tenantOfEntity(entity('default', { 'luigi-project.io/tenant': 'retail' }), TENANTS)).toBeUndefined();
    expect(tenantOfEntity(entity('default', { 'luigi-project.io/tenant': '' }), TENANTS)).toBeUndefined();
  });

  it('is none without tenants', () => {
    expect(tenantOfEntity(entity('default'), [])).toBeUndefined();
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
