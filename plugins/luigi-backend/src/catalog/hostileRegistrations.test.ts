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
import { LAB_HOSTILE_CATALOG, labHostileEntities, labHostileYaml } from '../testing/hostileCatalog';
import { onBehalfOfHttpAuth } from '../testing/onBehalfOfHttpAuth';
import { withKeyEncryptionSecret } from '../testing/testBackend';
import luigiPlugin from '../index';
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
      // The luigi plugin's validation route, on the same config: its verdicts are compared with ingestion's.
      luigiPlugin,
      // A request without credentials is anonymous, as in a real backend.
      onBehalfOfHttpAuth,
      mockServices.rootConfig.factory({
        data: withKeyEncryptionSecret({
          luigi: { allowedOrigins: [HOSTILE_ALLOWED_ORIGIN] },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [{ allow: ['Component', 'System', 'Location'] }],
            locations: [{ type: 'file', target: join(dir, 'catalog.yaml') }],
          },
        }),
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

describe('the validation route given the same corpus before it is registered', () => {
  const validate = (body: string, headers: Record<string, string> = { Authorization: mockCredentials.user.header() }) =>
    fetch(`${baseUrl}/api/luigi/registrations/validate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml', ...headers },
      body,
    });

  it('answers, for every document, the problems ingestion put on the entity page, in the same words', async () => {
    const response = await validate(labHostileYaml());
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer.valid).toBe(false);
    const entities = labHostileEntities() as Entity[];
    expect(answer.documents).toHaveLength(entities.length);
    for (const [index, entity] of entities.entries()) {
      const verdict = answer.documents[index];
      expect(verdict.entityRef).toBe(`${entity.kind.toLocaleLowerCase('en-US')}:lab/${entity.metadata.name}`);
      if (entity.kind !== 'Component') continue;
      const ingested = problemsOf(await getEntity(entity.metadata.name));
      expect({ name: entity.metadata.name, problems: verdict.problems }).toEqual({ name: entity.metadata.name, problems: ingested });
      expect(verdict.valid).toBe(ingested.length === 0);
    }
    expect(answer.documents.filter((verdict: any) => verdict.valid).map((verdict: any) => verdict.entityRef)).toEqual([
      'system:lab/lab-hostile',
      'component:lab/canary',
    ]);
  });

  it("refuses what the catalog would refuse before any luigi rule, and a body that is no YAML", async () => {
    const noName = await (await validate('apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {}\nspec: {}\n')).json();
    expect(noName.documents[0]).toMatchObject({ valid: false, problems: [expect.stringMatching(/^Not a valid catalog entity: /)] });
    const badYaml = await validate('kind: [unclosed');
    expect(badYaml.status).toBe(400);
    expect((await badYaml.json()).error.message).toMatch(/^Not valid YAML: /);
    expect((await validate('')).status).toBe(400);
    // A CI pipeline signs in as a service (Backstage's external access); nobody anonymous.
    expect((await validate(labHostileYaml(), { Authorization: mockCredentials.service.header() })).status).toBe(200);
    expect((await validate(labHostileYaml(), {})).status).toBe(401);
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
