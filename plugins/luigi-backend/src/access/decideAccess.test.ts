import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { decideAccess } from './decideAccess';
import { readEntityRefs } from './decisionsRequest';

const ORDERS = 'component:default/orders';
const BILLING = 'component:default/billing';

describe('decideAccess', () => {
  const allowOnly = (allowed: string[]) =>
    jest.fn(async (refs: string[]) =>
      refs.map(ref => ({ result: allowed.includes(ref) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY })),
    );

  it("follows the policy's answer for each entity, in order", async () => {
    const authorize = allowOnly([BILLING]);
    await expect(decideAccess([ORDERS, BILLING], 'permission-framework', authorize)).resolves.toEqual([
      { entityRef: ORDERS, result: 'deny', reason: 'policy' },
      { entityRef: BILLING, result: 'allow' },
    ]);
    expect(authorize).toHaveBeenCalledWith([ORDERS, BILLING]);
  });

  it('denies everything without asking anyone when the permission framework is off', async () => {
    const authorize = allowOnly([ORDERS, BILLING]);
    await expect(decideAccess([ORDERS, BILLING], 'closed', authorize)).resolves.toEqual([
      { entityRef: ORDERS, result: 'deny', reason: 'permission-framework-disabled' },
      { entityRef: BILLING, result: 'deny', reason: 'permission-framework-disabled' },
    ]);
    expect(authorize).not.toHaveBeenCalled();
  });

  it('allows everything only when app-config opens it to every signed-in user', async () => {
    const authorize = allowOnly([]);
    await expect(decideAccess([ORDERS], 'open-to-every-signed-in-user', authorize)).resolves.toEqual([
      { entityRef: ORDERS, result: 'allow' },
    ]);
    expect(authorize).not.toHaveBeenCalled();
  });

  it('denies on any answer that is not an explicit ALLOW or DENY', async () => {
    for (const answer of [{ result: AuthorizeResult.CONDITIONAL }, { result: 'ALLOW ' }, {}, null]) {
      const authorize = jest.fn(async () => [answer as any, { result: AuthorizeResult.ALLOW }]);
      await expect(decideAccess([ORDERS, BILLING], 'permission-framework', authorize)).resolves.toEqual([
        { entityRef: ORDERS, result: 'deny', reason: 'malformed-decision' },
        { entityRef: BILLING, result: 'allow' },
      ]);
    }
  });

  it('denies everything when the answers do not match the question', async () => {
    for (const answers of [[{ result: AuthorizeResult.ALLOW }], 'ALLOW', undefined]) {
      const authorize = jest.fn(async () => answers as any);
      await expect(decideAccess([ORDERS, BILLING], 'permission-framework', authorize)).resolves.toEqual([
        { entityRef: ORDERS, result: 'deny', reason: 'malformed-decision' },
        { entityRef: BILLING, result: 'deny', reason: 'malformed-decision' },
      ]);
    }
  });

  it('passes a failing permission backend on instead of deciding', async () => {
    const authorize = jest.fn(async () => {
      throw new Error('permission backend unreachable');
    });
    await expect(decideAccess([ORDERS], 'permission-framework', authorize)).rejects.toThrow('unreachable');
  });
});

describe('readEntityRefs', () => {
  it('normalizes refs and drops duplicates', () => {
    expect(readEntityRefs({ entityRefs: ['Component:default/Orders', 'component:orders', BILLING] })).toEqual([
      ORDERS,
      BILLING,
    ]);
  });

  it.each([
    ['no body', undefined],
    ['no entityRefs', {}],
    ['a string instead of an array', { entityRefs: 'component:default/orders' }],
    ['a number', { entityRefs: [42] }],
    ['a ref without a kind', { entityRefs: ['orders'] }],
    ['a ref without a name', { entityRefs: ['component:default/'] }],
    ['more refs than allowed', { entityRefs: new Array(10_001).fill(ORDERS) }],
  ])('refuses %s with an input error', (_label, body) => {
    expect(() => readEntityRefs(body)).toThrow(expect.objectContaining({ name: 'InputError' }));
  });
});
