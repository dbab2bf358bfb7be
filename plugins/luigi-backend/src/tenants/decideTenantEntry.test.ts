import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { decideTenantEntry, enterableTenants } from './decideTenantEntry';

const answering = (...results: unknown[]) => jest.fn(async () => results.map(result => ({ result })));

describe('decideTenantEntry', () => {
  it("follows the policy's ALLOW and DENY, and denies anything else", async () => {
    const authorize = answering(AuthorizeResult.ALLOW, AuthorizeResult.DENY, AuthorizeResult.CONDITIONAL);
    await expect(decideTenantEntry(['a', 'b', 'c'], 'permission-framework', authorize)).resolves.toEqual([
      { tenantId: 'a', result: 'allow' },
      { tenantId: 'b', result: 'deny', reason: 'policy' },
      { tenantId: 'c', result: 'deny', reason: 'malformed-decision' },
    ]);
  });

  it('denies every tenant in closed mode, and allows every one when access is open, without asking', async () => {
    const authorize = answering(AuthorizeResult.ALLOW);
    await expect(decideTenantEntry(['a'], 'closed', authorize)).resolves.toEqual([
      { tenantId: 'a', result: 'deny', reason: 'permission-framework-disabled' },
    ]);
    await expect(decideTenantEntry(['a'], 'open-to-every-signed-in-user', authorize)).resolves.toEqual([
      { tenantId: 'a', result: 'allow' },
    ]);
    expect(authorize).not.toHaveBeenCalled();
  });

  it('passes a failing permission backend on instead of deciding', async () => {
    const authorize = jest.fn(async () => {
      throw new Error('permission backend unreachable');
    });
    await expect(decideTenantEntry(['a'], 'permission-framework', authorize)).rejects.toThrow('unreachable');
  });
});

describe('enterableTenants', () => {
  it('asks about each tenant once', async () => {
    const authorize = jest.fn(async (ids: string[]) =>
      ids.map(id => ({ result: id === 'a' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY })),
    );
    await expect(enterableTenants(['a', 'b', 'a', 'a'], 'permission-framework', authorize)).resolves.toEqual(
      new Set(['a']),
    );
    expect(authorize).toHaveBeenCalledWith(['a', 'b']);
  });
});
