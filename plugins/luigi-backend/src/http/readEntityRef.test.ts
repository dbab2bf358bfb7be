import { MAX_ENTITY_REF_LENGTH, validEntityRef } from './readEntityRef';

describe('validEntityRef', () => {
  it('normalizes a valid ref: lower case, full form', () => {
    expect(validEntityRef('Component:Default/Orders')).toBe('component:default/orders');
    expect(validEntityRef('component:orders')).toBe('component:default/orders');
    expect(validEntityRef('api:team-a/orders_v2.internal')).toBe('api:team-a/orders_v2.internal');
  });

  it.each([
    ['no kind', 'orders'],
    ['an empty name', 'component:default/'],
    ['a space', 'component:default/ord ers'],
    ['a NUL byte', 'component:default/or\u0000ders'],
    ['an RTL override', 'component:default/\u202Esredro'],
    ['a zero-width space', 'component:default/orders\u200B'],
    ['a name of 64 characters', `component:default/${'a'.repeat(64)}`],
    ['a namespace that is no DNS label', 'component:team_a/orders'],
    ['a kind with a dash', 'my-kind:default/orders'],
    ['a name ending in a dot', 'component:default/orders.'],
    ['2 MB', `component:default/${'a'.repeat(2 * 1024 * 1024)}`],
  ])('refuses a ref with %s', (_label, value) => {
    expect(validEntityRef(value)).toBeUndefined();
  });

  it('takes refs of the longest valid form, and nothing that is not a string', () => {
    const longest = `${'k'.repeat(63)}:${'n'.repeat(63)}/${'m'.repeat(63)}`;
    expect(longest).toHaveLength(MAX_ENTITY_REF_LENGTH);
    expect(validEntityRef(longest)).toBe(longest);
    for (const value of [undefined, null, 42, ['component:default/orders'], { kind: 'component' }]) {
      expect(validEntityRef(value)).toBeUndefined();
    }
  });
});
