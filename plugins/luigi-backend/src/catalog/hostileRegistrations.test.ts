import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import {
  CATALOG_HOSTILE_CASES,
  GOOD_CANARY,
  HOSTILE_ALLOWED_ORIGIN,
  HOSTILE_CASES,
  HostileCase,
  VIEWS_MEDLEY,
} from 'backstage-plugin-luigi-common/src/testing/hostileEntities';
import { LAB_HOSTILE_CATALOG, labHostileYaml } from '../testing/hostileCatalog';
import { CATALOG_PROCESSING_STATUS, withRegistrationStatus } from './registrationStatus';
import catalogModuleLuigiRegistrations from './index';

jest.setTimeout(90_000);

const allowed = new Set([HOSTILE_ALLOWED_ORIGIN]);
let dir: string;
let backend: Awaited<ReturnType<typeof startTestBackend>>;
let baseUrl: string;

const nameOf = (item: HostileCase) => item.entity.metadata.name as string;

async function getEntity(name: string): Promise<any> {
  const response = await fetch(`${baseUrl}/api/catalog/entities/by-name/component/lab/${encodeURIComponent(name)}`, {
    headers: { Authorization: mockCredentials.user.header() },
  });
  return response.status === 200 ? response.json() : undefined;
}

const problemsOf = (entity: any): string[] =>
  (entity?.status?.items ?? [])
    .filter((item: any) => item.type === CATALOG_PROCESSING_STATUS && item.level === 'error')
    .map((item: any) => item.error.message);

/** Polls until the catalog has processed every entity named, and their status is written. */
async function waitForCatalog(names: string[]) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const found = await Promise.all(names.map(getEntity));
    if (found.every(entity => entity && (entity.metadata.name === 'canary' || problemsOf(entity).length > 0))) return;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const missing = (await Promise.all(names.map(async name => [name, await getEntity(name)] as const)))
    .filter(([, entity]) => !entity || (entity.metadata.name !== 'canary' && problemsOf(entity).length === 0))
    .map(([name]) => name);
  throw new Error(`the catalog did not process ${missing.join(', ')} in time`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luigi-hostile-'));
  writeFileSync(join(dir, 'catalog.yaml'), labHostileYaml());
  backend = await startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      catalogModuleLuigiRegistrations,
      mockServices.rootConfig.factory({
        data: {
          luigi: { allowedOrigins: [HOSTILE_ALLOWED_ORIGIN] },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [{ allow: ['Component', 'System', 'Location'] }],
            locations: [{ type: 'file', target: join(dir, 'catalog.yaml') }],
          },
        },
      }),
    ],
  });
  baseUrl = `http://localhost:${(backend.server.address() as AddressInfo).port}`;
  await waitForCatalog(['canary', 'views-medley', ...CATALOG_HOSTILE_CASES.map(nameOf)]);
});

afterAll(async () => {
  // The test's fetches leave keep-alive connections that would hold the server (and Jest) open.
  backend?.server.closeAllConnections();
  await backend?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the catalog module given the hostile corpus', () => {
  it.each(CATALOG_HOSTILE_CASES.map(item => [item.name, item.tests, item] as const))(
    'keeps %s (%s) in the catalog and reports why its micro frontend is not shown',
    async (_name, _tests, item) => {
      const entity = await getEntity(nameOf(item));
      expect(entity.metadata.title).toEqual(item.entity.metadata.title);
      expect(problemsOf(entity)).toContainEqual(
        // Its only view is refused: the whole micro frontend, or the one view of `views`, is not shown.
        expect.stringMatching(new RegExp(`^(Micro frontend|View ".*") not shown: ${item.annotation}\\b.*: `)),
      );
      expect(problemsOf(entity).join('\n')).toContain(item.reason);
    },
  );

  it('reports nothing for the good app ingested in the same batch', async () => {
    const canary = await getEntity('canary');
    expect(canary.metadata.title).toBe(GOOD_CANARY.metadata.title);
    expect(problemsOf(canary)).toEqual([]);
  });

  it('reports each bad view of the medley on its own, in one line each', async () => {
    const problems = problemsOf(await getEntity('views-medley'));
    expect(problems).toHaveLength(VIEWS_MEDLEY.entries.length);
    for (const problem of problems) {
      // Each names its view, and that the medley's good view still shows.
      expect(problem).toMatch(/^View ".*" not shown: luigi-project\.io\/views: .*; its other views are still shown$/);
      // A label's bidi override or control character never reaches the message.
      expect(problem).not.toMatch(/[\p{Cc}\p{Cf}]/u);
      expect(problem.length).toBeLessThan(400);
    }
  });
});

describe('withRegistrationStatus given what only a broken catalog hands over', () => {
  const offCatalog = HOSTILE_CASES.filter(item => !item.catalog && item.annotation !== undefined);

  it.each(offCatalog.map(item => [item.name, item.tests, item] as const))(
    'reports %s (%s) as a status item, without throwing',
    (_name, _tests, item) => {
      const checked = withRegistrationStatus(item.entity as unknown as Entity, allowed) as any;
      expect(problemsOf(checked).join('\n')).toContain(item.reason);
    },
  );
});

describe('the dev portal lab catalog', () => {
  it('holds every catalog-accepted case of the corpus, as generated from it', () => {
    const expected = labHostileYaml();
    // Regenerating is a deliberate act: the file is checked in, and reviewed like code.
    if (process.env.LUIGI_WRITE_LAB_CATALOG === '1') writeFileSync(LAB_HOSTILE_CATALOG, expected);
    expect(readFileSync(LAB_HOSTILE_CATALOG, 'utf8')).toBe(expected);
  });
});
