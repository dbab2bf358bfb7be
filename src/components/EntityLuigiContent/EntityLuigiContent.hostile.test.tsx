import { Entity } from '@backstage/catalog-model';
import { screen, waitFor } from '@testing-library/react';
import {
  GOOD_CANARY,
  HOSTILE_ALLOWED_ORIGIN,
  HOSTILE_CASES,
  MEDLEY_GOOD_VIEW,
  VIEWS_MEDLEY,
} from 'backstage-plugin-luigi-common/src/testing/hostileEntities';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { renderEntityTab } from '../../testing/renderLuigi';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));
jest.setTimeout(30_000);

const luigi = { allowedOrigins: [HOSTILE_ALLOWED_ORIGIN] };
/** Elements entity text would have created, had it been rendered as HTML. */
const injected = () => document.querySelectorAll('img[src="x"], script, svg[onload], b, [onerror], [onload]');
// What an entity tab can be given: the entity of its page, one at a time, found by its ref. So never
// one listed twice, nor one without kind or name (those are the page's cases).
const tabCases = HOSTILE_CASES.filter(item => item.annotation !== undefined);

describe('EntityLuigiContent given the hostile corpus', () => {
  it.each(tabCases.map(item => [item.name, item.tests, item] as const))(
    'shows no view for %s (%s) and says why',
    async (_name, _tests, item) => {
      delete (window as any).__xss;
      await renderEntityTab(item.entity as unknown as Entity, { luigi });
      const text = item.entity.metadata.annotations ?? {};
      const declared = Object.values(text).some(value => typeof value === 'string' && value.trim() !== '');
      if (declared) {
        await screen.findByText('No micro frontend to show');
        const reasons = screen.getAllByTestId('luigi-rejected').map(element => element.textContent);
        expect(reasons.join('\n')).toContain(item.reason);
      } else {
        // No text where the annotations should be: the tab says which annotation it needs.
        expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
      }
      expect(screen.queryByTestId('luigi-view')).toBeNull();
      expect(injected()).toHaveLength(0);
      expect((window as any).__xss).toBeUndefined();
    },
  );

  it('shows the good view of the views medley and lists each hostile entry with its reason, as text', async () => {
    delete (window as any).__xss;
    await renderEntityTab(VIEWS_MEDLEY.entity as unknown as Entity, { luigi });
    await waitFor(() => expect(mockCore.nodes().map(node => node.viewUrl)).toEqual([MEDLEY_GOOD_VIEW.url]));
    const items = screen.getAllByTestId('luigi-rejected');
    expect(items).toHaveLength(VIEWS_MEDLEY.entries.length);
    const text = items.map(item => item.textContent!);
    for (const entry of VIEWS_MEDLEY.entries) expect(text.some(line => line.includes(entry.reason))).toBe(true);
    // The markup label shows literally; the 20 000-character one is cut.
    expect(text).toContainEqual(expect.stringContaining('<b>Bold</b><script>Object.assign(window,{__xss:4})</script>'));
    expect(Math.max(...text.map(line => line.length))).toBeLessThan(500);
    expect(injected()).toHaveLength(0);
    expect((window as any).__xss).toBeUndefined();
  });

  it("frames the good app's one view, its hostile text shown as text", async () => {
    await renderEntityTab(GOOD_CANARY as unknown as Entity, { luigi });
    await waitFor(() => expect(mockCore.nodes().map(node => node.viewUrl)).toEqual([`${HOSTILE_ALLOWED_ORIGIN}/apps/canary/`]));
    expect(screen.queryByTestId('luigi-rejected')).toBeNull();
    expect(injected()).toHaveLength(0);
  });
});
