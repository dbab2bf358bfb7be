import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  CATALOG_HOSTILE_CASES,
  GOOD_CANARY,
  HOSTILE_NAMESPACE,
  HostileEntity,
  VIEWS_MEDLEY,
} from 'backstage-plugin-luigi-common/src/testing/hostileEntities';

/** The dev portal's catalog file of the lab tenant's hostile registrations. */
export const LAB_HOSTILE_CATALOG = join(__dirname, '../../../../dev/catalog/lab-hostile.yaml');

/** Annotation naming what a lab entity tests (read by the browser test, ignored by the plugin). */
export const TESTS_ANNOTATION = 'hostile-corpus.example.com/tests';

/** Annotation with a part of the reason the plugin must give for a lab entity. */
export const REASON_ANNOTATION = 'hostile-corpus.example.com/expected-reason';

/** Annotation with the annotation the reason is about (`luigi-project.io/view-url` or `…/views`). */
export const PROBLEM_ANNOTATION = 'hostile-corpus.example.com/problem-in';

function withNotes(entity: HostileEntity, notes: Record<string, string>): HostileEntity {
  return { ...entity, metadata: { ...entity.metadata, annotations: { ...entity.metadata.annotations, ...notes } } };
}

const HEADER = `# The \`lab\` tenant's hostile registrations (namespace \`lab\`): one entity per case of the hostile
# corpus that Backstage's catalog accepts, the good Canary app (hostile text, valid registration) and
# the views medley (every hostile views entry beside one good view). None of the hostile ones may
# ever be framed; the browser test e2e/hostile.test.mjs checks each against its expected reason.
# Generated from plugins/luigi-common/src/testing/hostileEntities.ts, do not edit: regenerate with
#   LUIGI_WRITE_LAB_CATALOG=1 npx jest --selectProjects "common and backend" --testPathPatterns hostileRegistrations
`;

/**
 * The entities of the lab catalog file: the lab system, the good app, the views medley, then every
 * catalog-accepted hostile case with notes of what it tests and the reason expected.
 */
export function labHostileEntities(): object[] {
  const system = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'lab-hostile', namespace: HOSTILE_NAMESPACE },
    spec: { owner: 'group:default/platform-admins' },
  };
  return [
    system,
    withNotes(GOOD_CANARY, { [TESTS_ANNOTATION]: 'a valid registration carrying hostile text' }),
    withNotes(VIEWS_MEDLEY.entity, { [TESTS_ANNOTATION]: 'every hostile views entry beside one good view' }),
    ...CATALOG_HOSTILE_CASES.map(item =>
      withNotes(item.entity, {
        [TESTS_ANNOTATION]: item.tests,
        [REASON_ANNOTATION]: item.reason,
        [PROBLEM_ANNOTATION]: item.annotation ?? '',
      }),
    ),
  ];
}

/** {@link labHostileEntities} as the catalog file's text. */
export function labHostileYaml(): string {
  // No line folding: a 20 000-character title stays one line, as written.
  return HEADER + labHostileEntities().map(entity => stringify(entity, { lineWidth: 0 })).join('---\n');
}
