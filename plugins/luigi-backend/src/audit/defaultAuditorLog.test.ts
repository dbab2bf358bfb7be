import { auditorServiceFactory } from '@backstage/backend-defaults/auditor';
import { recordingRootLogger } from '../testing/recordingLogger';
import { ALICE, as, BOB, post, TENANTS_ON_PERMISSION_FRAMEWORK, startTenantBackend } from '../testing/tenantFixtures';
import { stopTestBackend, TestBackend } from '../testing/testBackend';

jest.setTimeout(60_000);

/** Backstage's default log level: a line below it (debug) is not in the backend's log. */
const SHOWN_BY_DEFAULT = new Set(['info', 'warn', 'error']);

describe("the audit trail with Backstage's default auditor and its default settings", () => {
  const logs = recordingRootLogger();
  let backend: TestBackend;
  let url: string;

  beforeAll(async () => {
    // The backend's own auditor (no backend.auditor config): each event logged at its severity's level.
    ({ backend, url } = await startTenantBackend(TENANTS_ON_PERMISSION_FRAMEWORK, [auditorServiceFactory, logs.factory]));
  });

  afterAll(async () => {
    await stopTestBackend(backend);
  });

  it('puts every opening, refusal, tenant entry and decision in the log at info or above', async () => {
    const shipments = 'component:logistics/shipments';
    expect((await post(url, '/tenants/enter', { tenant: 'logistics' }, as(ALICE))).status).toBe(200);
    expect((await post(url, '/tenants/enter', { tenant: 'logistics' }, as(BOB))).status).toBe(403);
    expect((await post(url, '/access/decisions', { entityRefs: [shipments], tenant: 'logistics' }, as(ALICE))).status).toBe(200);
    expect((await post(url, '/access/decisions', { entityRefs: [shipments], tenant: 'logistics' }, as(BOB))).status).toBe(200);
    expect((await post(url, '/tokens', { entityRef: shipments, tenant: 'logistics' }, as(ALICE))).status).toBe(200);
    expect((await post(url, '/tokens', { entityRef: shipments, tenant: 'logistics', purpose: 'refresh' }, as(ALICE))).status).toBe(200);
    expect((await post(url, '/tokens', { entityRef: shipments, tenant: 'logistics' }, as(BOB))).status).toBe(403);

    const finished = logs.lines.filter(
      line => line.fields.isAuditEvent === true && line.fields.plugin === 'luigi' && line.fields.status !== 'initiated',
    );
    const seen = finished.map(line => `${line.message} ${line.fields.status} ${line.level}`);
    expect(seen).toEqual([
      'luigi.tenant-enter succeeded info',
      'luigi.tenant-enter failed info',
      'luigi.access-decide succeeded info',
      'luigi.access-decide succeeded info',
      'luigi.micro-app-open succeeded info',
      'luigi.token-refresh succeeded info',
      'luigi.micro-app-open failed info',
    ]);
    const hidden = logs.lines.filter(line => line.fields.isAuditEvent === true && !SHOWN_BY_DEFAULT.has(line.level));
    expect(hidden).toEqual([]);
  });
});
