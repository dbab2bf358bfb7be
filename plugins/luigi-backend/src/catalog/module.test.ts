import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import catalogModuleLuigiRegistrations from './index';

jest.setTimeout(60_000);

const component = (name: string, annotations: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations, ...extra },
  spec: { type: 'website', lifecycle: 'production', owner: 'team-orders' },
});

// A corpus of registrations: one valid, one without any, and one per rejection rule, with hostile text.
const ENTITIES = [
  component('orders', { 'luigi-project.io/view-url': 'https://apps.example.com/orders/' }),
  component('docs-only', { 'backstage.io/techdocs-ref': 'dir:.' }),
  component('plain-http', { 'luigi-project.io/view-url': 'http://apps.example.com/x/' }),
  component('scripted', { 'luigi-project.io/view-url': 'javascript:alert(document.cookie)' }),
  component('data-url', { 'luigi-project.io/view-url': 'data:text/html,<script>alert(1)</script>' }),
  component('relative', { 'luigi-project.io/view-url': '/orders/' }),
  component('credentials', { 'luigi-project.io/view-url': 'https://admin:hunter2@apps.example.com/' }),
  component('look-alike', { 'luigi-project.io/view-url': 'https://apps.example.com.evil.net/' }),
  component('other-port', { 'luigi-project.io/view-url': 'https://apps.example.com:8443/' }),
  component('idn', { 'luigi-project.io/view-url': 'https://аpps.example.com/' }),
  component('empty', { 'luigi-project.io/view-url': '   ' }),
  component('bad-audience', {
    'luigi-project.io/view-url': 'https://apps.example.com/bad-audience/',
    'luigi-project.io/token-audience': 'two words',
  }),
  component(
    'bad-views',
    {
      'luigi-project.io/view-url': 'https://apps.example.com/bad-views/',
      'luigi-project.io/views': 'Settings=https://apps.example.com/s\n<img src onerror>=https://evil.example.net/\nno label',
    },
    { title: '<b>Bad</b> views' },
  ),
  // The main view on an origin outside the allowlist, beside a further view that is fine.
  component('bad-main-view', {
    'luigi-project.io/view-url': 'https://evil.example.net/main/',
    'luigi-project.io/views': 'Settings=https://apps.example.com/settings/',
  }),
  // Node settings: a plain view, a grant within luigi.clientPermissions, and two refused.
  component('sample', {
    'luigi-project.io/view-url': 'https://apps.example.com/views/sample1.html',
    'luigi-project.io/node-settings': JSON.stringify({
      loadingIndicator: { enabled: false },
      clientPermissions: { urlParameters: { sort: { read: true, write: true } } },
    }),
  }),
  component('web-component', {
    'luigi-project.io/view-url': 'https://apps.example.com/wc/',
    'luigi-project.io/node-settings': JSON.stringify({ webcomponent: { selfRegistered: true } }),
  }),
  component('greedy', {
    'luigi-project.io/view-url': 'https://apps.example.com/greedy/',
    'luigi-project.io/node-settings': JSON.stringify({ clientPermissions: { urlParameters: { token: { read: true } } } }),
  }),
];

const PROBLEMS: Record<string, string[]> = {
  'plain-http': ['Micro frontend not shown: luigi-project.io/view-url: "http://apps.example.com/x/" must use https: (http: is allowed only on loopback)'],
  scripted: ['Micro frontend not shown: luigi-project.io/view-url: the javascript: scheme is not allowed; use https:'],
  'data-url': ['Micro frontend not shown: luigi-project.io/view-url: the data: scheme is not allowed; use https:'],
  relative: ['Micro frontend not shown: luigi-project.io/view-url: "/orders/" is not an absolute URL'],
  credentials: ['Micro frontend not shown: luigi-project.io/view-url: view URLs must not contain credentials'],
  'look-alike': ['Micro frontend not shown: luigi-project.io/view-url: origin https://apps.example.com.evil.net is not in luigi.allowedOrigins'],
  'other-port': ['Micro frontend not shown: luigi-project.io/view-url: origin https://apps.example.com:8443 is not in luigi.allowedOrigins'],
  idn: ['Micro frontend not shown: luigi-project.io/view-url: the host of the view URL must be ASCII (write an international name in its xn-- form)'],
  empty: ['Micro frontend not shown: luigi-project.io/view-url: the view URL annotation is empty'],
  'bad-audience': [
    'Micro frontend gets no token: luigi-project.io/token-audience: the token audience must not contain whitespace or control characters',
  ],
  'bad-views': [
    // Its main view and the Settings view still show: each problem names the one view it hides.
    'View "no label" not shown: luigi-project.io/views: "no label" is not of the form Label=https://…; its other views are still shown',
    'View "<img src onerror>" not shown: luigi-project.io/views: origin https://evil.example.net is not in luigi.allowedOrigins; its other views are still shown',
  ],
  'bad-main-view': [
    'Main view not shown: luigi-project.io/view-url: origin https://evil.example.net is not in luigi.allowedOrigins; its other views are still shown',
  ],
  'web-component': [
    'Micro frontend not shown: luigi-project.io/node-settings: node settings: webcomponent: is not supported: web-component nodes run their script in the portal page',
  ],
  greedy: [
    'Micro frontend not shown: luigi-project.io/node-settings: node settings: clientPermissions.urlParameters.token: is not in luigi.clientPermissions.urlParameters',
  ],
};

let dir: string;
let backend: Awaited<ReturnType<typeof startTestBackend>>;
let baseUrl: string;

async function getEntity(name: string): Promise<any> {
  const response = await fetch(`${baseUrl}/api/catalog/entities/by-name/component/default/${name}`, {
    headers: { Authorization: mockCredentials.user.header() },
  });
  return response.status === 200 ? response.json() : undefined;
}

/** Polls until every entity of the corpus has been processed into the catalog. */
async function waitForCatalog() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const found = await Promise.all(ENTITIES.map(entity => getEntity(entity.metadata.name)));
    if (found.every(Boolean)) return;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error('the catalog did not process the corpus in time');
}

const problemsOf = (entity: any): string[] =>
  (entity.status?.items ?? [])
    .filter((item: any) => item.type === 'backstage.io/catalog-processing' && item.level === 'error')
    .map((item: any) => item.error.message);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luigi-catalog-'));
  writeFileSync(join(dir, 'catalog.yaml'), ENTITIES.map(entity => stringify(entity)).join('---\n'));
  backend = await startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      catalogModuleLuigiRegistrations,
      mockServices.rootConfig.factory({
        data: {
          luigi: {
            allowedOrigins: ['https://apps.example.com', 'not an origin'],
            clientPermissions: { urlParameters: ['sort'] },
          },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [{ allow: ['Component', 'Location'] }],
            locations: [{ type: 'file', target: join(dir, 'catalog.yaml') }],
          },
        },
      }),
    ],
  });
  baseUrl = `http://localhost:${(backend.server.address() as AddressInfo).port}`;
  await waitForCatalog();
});

afterAll(async () => {
  // The test's fetches leave keep-alive connections that would hold the server (and Jest) open.
  backend?.server.closeAllConnections();
  await backend?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('catalogModuleLuigiRegistrations', () => {
  it('keeps every entity in the catalog, bad registrations included', async () => {
    for (const entity of ENTITIES) {
      expect(await getEntity(entity.metadata.name)).toMatchObject({ metadata: { name: entity.metadata.name } });
    }
  });

  it('reports nothing for a valid registration or an entity without one', async () => {
    expect(problemsOf(await getEntity('orders'))).toEqual([]);
    expect(problemsOf(await getEntity('docs-only'))).toEqual([]);
    // Its node settings grant only what luigi.clientPermissions allows.
    expect(problemsOf(await getEntity('sample'))).toEqual([]);
  });

  it.each(Object.entries(PROBLEMS))(
    'shows why %s is refused as a processing problem on its entity, as the page does',
    async (name, expected) => {
      expect(problemsOf(await getEntity(name))).toEqual(expected);
    },
  );

  it('keeps entity text as given, never interpreted', async () => {
    const entity = await getEntity('bad-views');
    expect(entity.metadata.title).toBe('<b>Bad</b> views');
    expect(problemsOf(entity)[1]).toContain('View "<img src onerror>" not shown');
  });

  it('notices a fixed registration on the next processing run', async () => {
    const fixed = ENTITIES.map(entity =>
      entity.metadata.name === 'plain-http'
        ? component('plain-http', { 'luigi-project.io/view-url': 'https://apps.example.com/x/' })
        : entity,
    );
    writeFileSync(join(dir, 'catalog.yaml'), fixed.map(entity => stringify(entity)).join('---\n'));
    const deadline = Date.now() + 30_000;
    let problems = problemsOf(await getEntity('plain-http'));
    while (problems.length > 0 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 250));
      problems = problemsOf(await getEntity('plain-http'));
    }
    expect(problems).toEqual([]);
  });
});
