// Generated catalog entities for the benchmark: `n` annotated Components in namespace `default` (the
// `commerce` tenant), each with a title, a description, an owner from the dev org
// (dev/catalog/org.yaml), a `luigi-project.io/category` and a view URL of the trusted sample app
// Orders, tagged `bench` (so Backstage's catalog table can be filtered to them). Written to a temp
// file that dev/start.mjs adds as a catalog location (LUIGI_DEV_EXTRA_CATALOG).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PORTAL } from '../e2e/portal.mjs';

const OWNERS = ['group:default/team-orders', 'group:default/team-billing', 'group:default/platform-admins'];
const CATEGORIES = ['Sales', 'Finance', 'Operations', 'Support', 'Marketing', 'Logistics', 'People', 'Analytics'];

/** The tag of every generated entity. */
export const BENCH_TAG = 'bench';

export const benchName = i => `bench-app-${String(i).padStart(5, '0')}`;

export function writeEntities(n) {
  const docs = [];
  for (let i = 1; i <= n; i++) {
    const category = CATEGORIES[i % CATEGORIES.length];
    docs.push(
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: benchName(i),
          namespace: 'default',
          title: `${category} app ${i}`,
          description: `Generated micro app ${i} of ${n} for the benchmark: ${category.toLowerCase()} figures and tasks.`,
          tags: [BENCH_TAG],
          annotations: {
            'luigi-project.io/view-url': `${PORTAL.trustedOrigin}/apps/orders/`,
            'luigi-project.io/category': category,
          },
        },
        spec: { type: 'website', lifecycle: 'production', owner: OWNERS[i % OWNERS.length] },
      }),
    );
  }
  const file = join(mkdtempSync(join(tmpdir(), 'luigi-bench-catalog-')), `entities-${n}.yaml`);
  // JSON is YAML: one document per entity.
  writeFileSync(file, `${docs.join('\n---\n')}\n`);
  return { file, refs: [`component:default/${benchName(1)}`, `component:default/${benchName(Math.ceil(n / 2))}`, `component:default/${benchName(n)}`] };
}
