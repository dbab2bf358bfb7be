import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { luigiMicroFrontendOpenPermission, luigiTenantEnterPermission } from 'backstage-plugin-luigi-common';
import { TtlCache } from '../cache/ttlCache';
import { APPLY_CONDITIONS_BODY_BYTES, chunkByBytes, conditionsApplier } from './applyConditions';
import { requestAuthorizer } from './requestAuthorizer';

const BOB = mockCredentials.user('user:default/bob');
const CAROL = mockCredentials.user('user:default/carol');
const REFS = ['component:default/a', 'component:default/b', 'component:default/c'];
const OWNED_BY_BOB = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: ['user:default/bob'] } },
};

function permissionsAnswering(...decisions: unknown[]) {
  return { authorize: jest.fn(), authorizeConditional: jest.fn(async () => decisions) } as any;
}

describe('requestAuthorizer', () => {
  it('asks the policy once per request, for every permission the request needs, without resource refs', async () => {
    const permissions = permissionsAnswering({ result: AuthorizeResult.ALLOW }, { result: AuthorizeResult.DENY });
    const applyConditions = jest.fn();
    const authorizer = requestAuthorizer({ permissions, applyConditions }, BOB, { withTenants: true });
    await expect(authorizer.enter(['commerce'])).resolves.toEqual([{ result: AuthorizeResult.ALLOW }]);
    await expect(authorizer.open(REFS)).resolves.toEqual(REFS.map(() => ({ result: AuthorizeResult.DENY })));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [{ permission: luigiTenantEnterPermission }, { permission: luigiMicroFrontendOpenPermission }],
      { credentials: BOB },
    );
    expect(applyConditions).not.toHaveBeenCalled();
  });

  it('resolves a conditional answer for all the entities at once, at the owner', async () => {
    const permissions = permissionsAnswering(OWNED_BY_BOB);
    const applyConditions = jest.fn(async () => [AuthorizeResult.ALLOW, AuthorizeResult.DENY, 'maybe']);
    const authorizer = requestAuthorizer({ permissions, applyConditions }, BOB, { withTenants: false });
    await expect(authorizer.open(REFS)).resolves.toEqual([
      { result: AuthorizeResult.ALLOW },
      { result: AuthorizeResult.DENY },
      { result: 'maybe' },
    ]);
    expect(applyConditions).toHaveBeenCalledWith(OWNED_BY_BOB, REFS, BOB);
  });

  it('answers nothing a decision for another resource type, or a malformed answer, could allow', async () => {
    for (const answers of [[{ ...OWNED_BY_BOB, resourceType: 'luigi-tenant' }], [{ result: 'ALLOW ' }], [], 'ALLOW']) {
      const permissions = { authorizeConditional: jest.fn(async () => answers) } as any;
      const applyConditions = jest.fn();
      const authorizer = requestAuthorizer({ permissions, applyConditions }, BOB, { withTenants: false });
      const results = await authorizer.open(REFS);
      expect(results.every(r => r.result !== AuthorizeResult.ALLOW)).toBe(true);
      expect(applyConditions).not.toHaveBeenCalled();
    }
  });

  it('passes a failing permission backend on', async () => {
    const permissions = { authorizeConditional: jest.fn(async () => Promise.reject(new Error('down'))) } as any;
    const authorizer = requestAuthorizer({ permissions, applyConditions: jest.fn() }, BOB, { withTenants: false });
    await expect(authorizer.open(REFS)).rejects.toThrow('down');
  });
});

describe('conditionsApplier', () => {
  const realFetch = global.fetch;
  let bodies: any[];
  let answer: (body: any) => Response;
  beforeEach(() => {
    bodies = [];
    answer = body =>
      new Response(JSON.stringify({ items: [{ id: body.items[0].id, result: body.items[0].resourceRef.map(() => 'ALLOW') }] }));
    global.fetch = jest.fn(async (_url: any, init: any) => {
      const body = JSON.parse(init.body);
      bodies.push(body);
      return answer(body);
    }) as any;
  });
  afterEach(() => {
    global.fetch = realFetch;
  });
  const deps = () => ({ discovery: mockServices.discovery(), auth: mockServices.auth() });

  it('sends the conditions once with all the refs as one array, in runs that fit the owner', async () => {
    const apply = conditionsApplier(deps());
    await expect(apply(OWNED_BY_BOB as any, REFS, BOB)).resolves.toEqual(['ALLOW', 'ALLOW', 'ALLOW']);
    expect(bodies).toEqual([
      { items: [{ id: '0', resourceRef: REFS, resourceType: 'catalog-entity', conditions: OWNED_BY_BOB.conditions }] },
    ]);
    const many = Array.from({ length: 5_000 }, (_, i) => `component:default/generated-app-${i}`);
    bodies = [];
    expect(await apply(OWNED_BY_BOB as any, many, BOB)).toHaveLength(5_000);
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThanOrEqual(APPLY_CONDITIONS_BODY_BYTES);
    expect(bodies.flatMap(b => b.items[0].resourceRef)).toEqual(many);
  });

  it('denies every ref of an answer that does not fit the question, and rejects when the owner fails', async () => {
    const apply = conditionsApplier(deps());
    answer = () => new Response(JSON.stringify({ items: [{ id: '0', result: ['ALLOW'] }] }));
    await expect(apply(OWNED_BY_BOB as any, REFS, BOB)).resolves.toEqual([undefined, undefined, undefined]);
    answer = () => new Response('{}', { status: 500 });
    await expect(apply(OWNED_BY_BOB as any, REFS, BOB)).rejects.toThrow();
  });

  it("keeps each user's resolutions apart, for the same conditions only, and never a failure", async () => {
    const apply = conditionsApplier({ ...deps(), cache: new TtlCache<unknown>({ maxEntries: 100, ttlMs: 60_000 }) });
    await apply(OWNED_BY_BOB as any, REFS, BOB);
    await apply(OWNED_BY_BOB as any, [...REFS, 'component:default/d'], BOB);
    expect(bodies.map(b => b.items[0].resourceRef)).toEqual([REFS, ['component:default/d']]);
    // Another user, or other conditions: asked again.
    await apply(OWNED_BY_BOB as any, REFS, CAROL);
    const otherConditions = { ...OWNED_BY_BOB, conditions: { ...OWNED_BY_BOB.conditions, params: { claims: ['group:x'] } } };
    await apply(otherConditions as any, REFS, BOB);
    expect(bodies).toHaveLength(4);
    answer = () => new Response('{}', { status: 503 });
    await expect(apply(OWNED_BY_BOB as any, ['component:default/e'], BOB)).rejects.toThrow();
    answer = body => new Response(JSON.stringify({ items: [{ id: '0', result: body.items[0].resourceRef.map(() => 'DENY') }] }));
    await expect(apply(OWNED_BY_BOB as any, ['component:default/e'], BOB)).resolves.toEqual(['DENY']);
  });
});

describe('chunkByBytes', () => {
  it('keeps order, puts at least one ref in each run, and stays within the budget', () => {
    expect(chunkByBytes([], 10)).toEqual([]);
    expect(chunkByBytes(['aaaa', 'bbbb', 'cc'], 14)).toEqual([['aaaa', 'bbbb'], ['cc']]);
    expect(chunkByBytes(['a-very-long-ref'], 1)).toEqual([['a-very-long-ref']]);
    expect(chunkByBytes(['a', 'b', 'c'], 1000, 2)).toEqual([['a', 'b'], ['c']]);
  });
});
