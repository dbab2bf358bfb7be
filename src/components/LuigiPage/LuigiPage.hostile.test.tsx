import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  GOOD_CANARY,
  GOOD_ENTITIES,
  HOSTILE_ALLOWED_ORIGIN,
  HOSTILE_CASES,
  HostileCase,
  hostileLabel,
  hostileRef,
  INJECTED_IMG,
} from 'backstage-plugin-luigi-common/src/testing/hostileEntities';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { frameAsksForContext } from '../../testing/luigiFrames';
import { renderWithLuigiApis } from '../../testing/renderLuigi';
import { setCurrentTenant } from '../../tenants/currentTenant';
import { inNamespace, RETAIL, tenantEntity } from '../../testing/tenants';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));
// The corpus renders some 70 entities, five with 20 000-character texts.
jest.setTimeout(30_000);

const VIEW_URL = 'luigi-project.io/view-url';
// The page asks the catalog only for entities with a view URL: the others never reach it.
const onPage = HOSTILE_CASES.filter(item => item.entity.metadata.annotations && VIEW_URL in item.entity.metadata.annotations);
// The good apps first: the impostors listed after them are the ones refused.
const entities = [...GOOD_ENTITIES, ...onPage.map(item => item.entity)] as unknown as Entity[];

/** Elements entity text would have created, had it been rendered as HTML. */
const injected = () => document.querySelectorAll('img[src="x"], script, svg[onload], b, [onerror], [onload]');

async function renderPage() {
  delete (window as any).__xss;
  const result = await renderWithLuigiApis(<LuigiPage />, '/luigi', {
    entities,
    luigi: { allowedOrigins: [HOSTILE_ALLOWED_ORIGIN] },
  });
  await screen.findByTestId('luigi-nav');
  return result;
}

/** The problems panel's items of `ref`. */
const itemsOf = (ref: string) =>
  screen.getAllByTestId('luigi-rejected').filter(item => item.querySelectorAll('bdi')[1]?.textContent === ref);

/** The one item of a case: its ref, and its label as the panel shows it (cut to 200 characters). */
function itemOf(item: HostileCase): HTMLElement | undefined {
  const label = [...hostileLabel(item)].slice(0, 199).join('');
  return itemsOf(hostileRef(item)).find(element => element.querySelector('bdi')!.textContent!.startsWith(label.replace(/[\p{Cc}\p{Cf}]/gu, '\ufffd')));
}

/** The one item of `ref`. */
function rejectedItem(ref: string): HTMLElement {
  const items = itemsOf(ref);
  expect(items).toHaveLength(1);
  return items[0];
}

describe('LuigiPage given the hostile corpus', () => {
  it('lists only the good apps, frames only them, and opens one with its own token', async () => {
    const { access } = await renderPage();
    const nav = screen.getByTestId('luigi-nav');
    const items = [...nav.querySelectorAll('a[data-testid^="luigi-nav-"]')].map(item => item.getAttribute('data-testid'));
    expect(items.sort()).toEqual(['luigi-nav-component~lab~canary', 'luigi-nav-component~lab~plain']);
    await waitFor(() => expect(mockCore.setConfig).toHaveBeenCalled());
    expect(mockCore.nodes().map(node => node.viewUrl).sort()).toEqual([
      `${HOSTILE_ALLOWED_ORIGIN}/apps/canary/`,
      `${HOSTILE_ALLOWED_ORIGIN}/apps/plain/`,
    ]);

    await userEvent.click(within(nav).getByTestId('luigi-nav-component~lab~canary'));
    expect(mockCore.navigated).toContain('/component~lab~canary');
    const canary = mockCore.nodes().find(node => node.pathSegment === 'component~lab~canary')!;
    const { frame, storeHeld } = await frameAsksForContext(mockCore, canary);
    expect(storeHeld).toEqual(expect.objectContaining({ accessToken: 'token-for:component:lab/canary#1' }));
    expect(access.requests.map(request => request.entityRef)).toEqual(['component:lab/canary']);
    frame.remove();
  });

  it('lists every hostile entity with its reason', async () => {
    await renderPage();
    // One render for the whole corpus; the failures name each case that is not listed as expected.
    const failures = onPage.flatMap(item => {
      const listed = itemOf(item);
      if (!listed) return [`${item.name} (${item.tests}): not listed`];
      return listed.textContent!.includes(item.reason) ? [] : [`${item.name} (${item.tests}): listed as ${listed.textContent}`];
    });
    expect(failures).toEqual([]);
  });

  it('lists each refused entity once, renders all entity text as text, and runs none of it', async () => {
    await renderPage();
    expect(screen.getAllByTestId('luigi-rejected')).toHaveLength(onPage.length);
    // The good app's hostile title, description and category show literally, in the navigation.
    const canary = screen.getByTestId('luigi-nav-component~lab~canary');
    expect(canary).toHaveTextContent(INJECTED_IMG);
    expect(canary).toHaveTextContent('Still works <script>window.__xss=2</script>');
    expect(screen.getByText('Lab <svg onload=window.__xss=3></svg>')).toBeInTheDocument();
    expect(rejectedItem('component:lab/html-title')).toHaveTextContent(`${INJECTED_IMG} Image title`);
    expect(injected()).toHaveLength(0);
    expect((window as any).__xss).toBeUndefined();
  });

  it('cuts a huge title, wraps long words, and isolates a right-to-left override from the reason', async () => {
    await renderPage();
    const huge = rejectedItem('component:lab/huge-title');
    expect(huge.textContent!.length).toBeLessThan(500);
    expect(huge).toHaveTextContent(`${'W'.repeat(199)}…`);
    expect(huge.closest('ul')!.style.overflowWrap).toBe('anywhere');
    expect(screen.getByTestId('luigi-nav-component~lab~canary').querySelector('[class*="MuiListItemText-root"]')).toHaveStyle({
      overflowWrap: 'anywhere',
    });

    const rtl = rejectedItem('component:lab/rtl-title');
    const isolated = [...rtl.querySelectorAll('bdi')].map(element => element.textContent);
    // The override is shown as a replacement character and kept inside the title's own isolate.
    expect(isolated).toEqual(['\ufffdexe.srotcelloc\ufffd Orders', 'component:lab/rtl-title', expect.stringContaining('javascript:')]);
    expect(rejectedItem('component:lab/control-title').textContent).not.toMatch(/[\p{Cc}]/u);
  });

  it('keeps the good app openable when the impostors are listed before it', async () => {
    delete (window as any).__xss;
    const impostors = onPage.filter(item => item.reason.includes('listed twice')).map(item => item.entity);
    await renderWithLuigiApis(<LuigiPage />, '/luigi', {
      entities: [GOOD_CANARY, ...impostors] as unknown as Entity[],
      luigi: { allowedOrigins: [HOSTILE_ALLOWED_ORIGIN] },
    });
    await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(mockCore.nodes().map(node => node.viewUrl)).toEqual([`${HOSTILE_ALLOWED_ORIGIN}/apps/canary/`]));
    expect(screen.getAllByTestId('luigi-rejected')).toHaveLength(impostors.length);
  });

  it("lists none of the corpus on another tenant's page, and the corpus on its own", async () => {
    const LAB = { id: 'lab', title: 'Lab', members: inNamespace('lab') };
    const retailBad = tenantEntity('default', 'bad-retail', { origin: 'https://evil.example.net' });
    const options = {
      entities: [...entities, retailBad],
      tenants: [RETAIL, LAB],
      luigi: { allowedOrigins: [HOSTILE_ALLOWED_ORIGIN, 'https://apps.example.com'] },
    };
    try {
      await renderWithLuigiApis(<LuigiPage />, '/luigi?tenant=retail', options);
      await screen.findByTestId('luigi-diagnostics');
      expect(screen.getAllByTestId('luigi-rejected').map(item => item.textContent)).toEqual([
        'Bad-retail (component:default/bad-retail): origin https://evil.example.net is not in luigi.allowedOrigins',
      ]);
    } finally {
      setCurrentTenant(undefined);
    }
  });
});
