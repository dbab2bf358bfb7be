import { createServiceFactory } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { recordingAuditor } from '../testing/recordingAuditor';
import {
  ALICE,
  as,
  post,
  TENANT_ENTITIES,
  TENANTS_ON_PERMISSION_FRAMEWORK,
  tenantTestPolicy,
  tenantTestUserInfo,
} from '../testing/tenantFixtures';
import { startLuigiTestBackend, testBackendForSuite } from '../testing/testBackend';

jest.setTimeout(60_000);

/** What the catalog's own failures say, which no client may see. */
const INTERNAL_URL = 'http://catalog.internal.example:7007/api/catalog/entities/by-name/component/default';
const INTERNAL_MESSAGE = `connection to postgres://catalog-db.internal.example:5432 refused, asked for ${INTERNAL_URL}`;

/** A failed answer of the catalog backend, as its client throws it: with its body, status and cause. */
async function catalogResponseError(status: number, name: string): Promise<ResponseError> {
  const body = {
    error: { name, message: INTERNAL_MESSAGE, stack: `${name}: ${INTERNAL_MESSAGE}\n    at catalog (/srv/catalog.js:1:1)` },
    request: { method: 'GET', url: INTERNAL_URL },
    response: { statusCode: status },
  };
  return ResponseError.fromResponse(
    new Response(JSON.stringify(body), { status, statusText: 'Failed', headers: { 'content-type': 'application/json' } }),
  );
}

/** Entity names (in `default`) for which the catalog fails, and how. */
const FAILURES: Record<string, () => Promise<Error>> = {
  down: () => catalogResponseError(500, 'DatabaseError'),
  refused: () => catalogResponseError(400, 'InputError'),
  gone: () => catalogResponseError(404, 'NotFoundError'),
  unreachable: async () => new TypeError(`fetch failed: request to ${INTERNAL_URL} failed, reason: ECONNREFUSED`),
};

const failureFor = (ref: string) => FAILURES[ref.replace(/^component:default\//, '')];

/** The tenant tests' catalog, failing for the refs of {@link FAILURES}. */
const failingCatalog = createServiceFactory({
  service: catalogServiceRef,
  deps: {},
  factory() {
    const inMemory = catalogServiceMock({ entities: TENANT_ENTITIES });
    const byRef = inMemory.getEntityByRef.bind(inMemory);
    const byRefs = inMemory.getEntitiesByRefs.bind(inMemory);
    return Object.assign(inMemory, {
      async getEntityByRef(ref: any, options?: any) {
        const failure = failureFor(String(ref));
        if (failure) throw await failure();
        return byRef(ref, options);
      },
      async getEntitiesByRefs(request: any, options?: any) {
        const failure = request.entityRefs.map(failureFor).find(Boolean);
        if (failure) throw await failure();
        return byRefs(request, options);
      },
    });
  },
});

describe('a failing catalog', () => {
  const auditor = recordingAuditor();
  const backend = testBackendForSuite(() =>
    startLuigiTestBackend(TENANTS_ON_PERMISSION_FRAMEWORK, [
      failingCatalog,
      tenantTestUserInfo,
      import('@backstage/plugin-permission-backend'),
      tenantTestPolicy,
      auditor.factory,
    ]),
  );

  beforeEach(() => auditor.clear());

  /** Everything the client and the audit trail got: neither may hold the catalog's own words. */
  function expectNothingInternal(answer: unknown) {
    for (const text of [JSON.stringify(answer), JSON.stringify(auditor.events)]) {
      expect(text).not.toContain('internal.example');
      expect(text).not.toContain('refused, asked');
      expect(text).not.toContain('/srv/catalog.js');
    }
  }

  it.each([
    ['down', 'ResponseError 500'],
    ['unreachable', 'TypeError'],
  ])('answers a token request for an entity it fails on (%s) with a plain 503', async (name, detail) => {
    const response = await post(backend.url, '/tokens', { entityRef: `component:default/${name}` }, as(ALICE));
    expect(response.status).toBe(503);
    expect(response.body.error).toEqual({ name: 'ServiceUnavailableError', message: 'The catalog could not be read' });
    expect(auditor.finished()).toEqual([
      expect.objectContaining({
        eventId: 'micro-app-open',
        severityLevel: 'medium',
        status: 'failed',
        meta: { entityRef: `component:default/${name}`, purpose: 'open', reason: 'catalog-unavailable', detail: `catalog failed: ${detail}` },
        error: expect.objectContaining({ name: 'ServiceUnavailableError' }),
      }),
    ]);
    expectNothingInternal(response.body);
  });

  it('answers an entity the catalog says is missing with a plain 404 that names only the normalized ref', async () => {
    const response = await post(backend.url, '/tokens', { entityRef: 'Component:Default/Gone' }, as(ALICE));
    expect(response.status).toBe(404);
    expect(response.body.error).toEqual({
      name: 'NotFoundError',
      message: 'No entity component:default/gone in the catalog, or you may not read it',
    });
    expect(auditor.finished()[0].meta).toEqual(expect.objectContaining({ reason: 'not-found' }));
    expectNothingInternal(response.body);
  });

  it('answers a ref the catalog refuses with a plain 400', async () => {
    const response = await post(backend.url, '/tokens', { entityRef: 'component:default/refused' }, as(ALICE));
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ name: 'InputError', message: 'The catalog refused the entity ref' });
    expectNothingInternal(response.body);
  });

  it('answers a decisions request it fails on with a plain 503, recorded with a bounded reason', async () => {
    const body = { entityRefs: ['component:default/orders', 'component:default/down'], tenant: 'commerce' };
    const response = await post(backend.url, '/access/decisions', body, as(ALICE));
    expect(response.status).toBe(503);
    expect(response.body.error).toEqual({ name: 'ServiceUnavailableError', message: 'The catalog could not be read' });
    expect(auditor.finished()).toEqual([
      expect.objectContaining({
        eventId: 'access-decide',
        severityLevel: 'medium',
        status: 'failed',
        meta: { tenant: 'commerce', reason: 'catalog-unavailable', detail: 'catalog failed: ResponseError 500' },
      }),
    ]);
    expectNothingInternal(response.body);
  });
});
