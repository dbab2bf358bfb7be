import { checkRegistration, hasValidView } from './registration';
import {
  GOOD_ENTITIES,
  HOSTILE_ALLOWED_ORIGIN,
  HOSTILE_CASES,
  MEDLEY_GOOD_VIEW,
  VIEWS_MEDLEY,
} from './testing/hostileEntities';
import { checkViewUrl, normalizeAllowedOrigins } from './viewUrl';

const allowed = normalizeAllowedOrigins([HOSTILE_ALLOWED_ORIGIN]).origins;
const annotationsOf = (entity: { metadata: { annotations?: Record<string, unknown> } }) =>
  entity.metadata.annotations as Record<string, string>;
// What the rules can see: everything but the cases about the entity as a whole (frontend only).
const ruleCases = HOSTILE_CASES.filter(item => item.annotation !== undefined);

describe('the hostile corpus', () => {
  it('has at least 50 cases, each with a unique name and a description', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(HOSTILE_CASES.map(item => item.name)).size).toBe(HOSTILE_CASES.length);
    for (const item of HOSTILE_CASES) expect(item.tests).not.toBe('');
  });
});

describe('checkRegistration of hostile registrations', () => {
  it.each(ruleCases.map(item => [item.name, item.tests, item] as const))(
    'refuses %s (%s) with its reason, and finds no view to show',
    (_name, _tests, item) => {
      const problems = checkRegistration(annotationsOf(item.entity), allowed);
      expect(problems).toContainEqual(expect.objectContaining({ annotation: item.annotation, reason: expect.stringContaining(item.reason) }));
      expect(hasValidView(annotationsOf(item.entity), allowed)).toBe(false);
    },
  );

  it('accepts the good apps checked in the same batch', () => {
    const batch = [...HOSTILE_CASES.map(item => item.entity), ...GOOD_ENTITIES];
    const results = batch.map(entity => checkRegistration(annotationsOf(entity), allowed));
    GOOD_ENTITIES.forEach((entity, index) => {
      expect(results[HOSTILE_CASES.length + index]).toEqual([]);
      expect(hasValidView(annotationsOf(entity), allowed)).toBe(true);
    });
  });

  it('keeps reasons and labels short and printable, whatever the entity text', () => {
    for (const item of ruleCases) {
      for (const problem of checkRegistration(annotationsOf(item.entity), allowed)) {
        expect(problem.reason.length).toBeLessThan(300);
        expect(problem.reason).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        if (problem.label !== undefined) {
          expect([...problem.label].length).toBeLessThanOrEqual(80);
          expect(problem.label).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        }
      }
    }
  });

  it('checks each entry of a views annotation on its own: every bad one refused, the good one kept', () => {
    const annotations = annotationsOf(VIEWS_MEDLEY.entity);
    const problems = checkRegistration(annotations, allowed);
    expect(problems).toHaveLength(VIEWS_MEDLEY.entries.length);
    // Parse errors come before URL problems: match each entry to a problem of its own.
    const unmatched = [...problems];
    for (const entry of VIEWS_MEDLEY.entries) {
      const index = unmatched.findIndex(problem => problem.reason.includes(entry.reason));
      expect(index).toBeGreaterThanOrEqual(0);
      unmatched.splice(index, 1);
    }
    expect(problems.map(problem => problem.label)).not.toContain(MEDLEY_GOOD_VIEW.label);
    expect(hasValidView(annotations, allowed)).toBe(true);
  });

  it('does not throw on annotations that are not a map', () => {
    expect(checkRegistration('luigi-project.io/view-url' as any, allowed)).toEqual([]);
    expect(checkRegistration(42 as any, allowed)).toEqual([]);
    expect(hasValidView(42 as any, allowed)).toBe(false);
  });
});

describe('checkViewUrl of spellings of the allowed origin', () => {
  // The same origin, spelled in a way every URL parser reads alike: nothing to refuse.
  it.each([
    ['HTTP://LOCALHOST:7100/apps/canary/', 'http://localhost:7100/apps/canary/'],
    ['http://localhost:07100/apps/canary/', 'http://localhost:7100/apps/canary/'],
    ['  http://localhost:7100/apps/canary/\n', 'http://localhost:7100/apps/canary/'],
  ])('accepts %j as %s', (raw, href) => {
    expect(checkViewUrl(raw, allowed)).toEqual({ ok: true, url: href });
  });

  it('quotes at most 80 characters of a refused URL', () => {
    const check = checkViewUrl(`/${'a'.repeat(100_000)}`, allowed);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toBe(`"/${'a'.repeat(78)}…" is not an absolute URL`);
  });
});
