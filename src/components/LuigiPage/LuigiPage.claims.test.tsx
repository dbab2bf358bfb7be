import { Entity } from '@backstage/catalog-model';
import { screen, waitFor } from '@testing-library/react';
import { CLAIM_CASES, CLAIM_CONFIG, CLAIMED_APPS } from 'backstage-plugin-luigi-common/src/testing/claimingEntities';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { renderEntityTab, renderWithLuigiApis } from '../../testing/renderLuigi';
import { LuigiPage } from './LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));
jest.setTimeout(30_000);

// Tenants are left out of the page's config here: the test access API decides no tenants, and the
// claims are refused by what config gives, whatever tenant the page shows.
const entities = [...CLAIMED_APPS, ...CLAIM_CASES.map(item => item.entity)] as unknown as Entity[];
const luigi = { ...CLAIM_CONFIG };

describe('LuigiPage given registrations that claim what belongs to another app or team', () => {
  it('frames only the honest apps and lists every claim with its reason, as the backend refuses it', async () => {
    const { access } = await renderWithLuigiApis(<LuigiPage />, '/luigi', { entities, luigi });
    await screen.findByTestId('luigi-nav');
    await waitFor(() => expect(mockCore.setConfig).toHaveBeenCalled());
    expect(mockCore.nodes().map(node => node.viewUrl).sort()).toEqual(CLAIMED_APPS.map(app => `${app.metadata.annotations['luigi-project.io/view-url']}`).sort());

    const listed = screen.getAllByTestId('luigi-rejected').map(item => item.textContent ?? '');
    const failures = CLAIM_CASES.flatMap(item => {
      // One item per claim.
      const text = listed.filter(line => line.includes(`(component:default/${item.name})`)).join('\n');
      if (!text) return [`${item.name}: not listed`];
      const missing = item.reasons.filter(reason => !text.includes(reason));
      return missing.length ? [`${item.name}: listed as ${text}`] : [];
    });
    expect(failures).toEqual([]);
    // The reason is shown whole, its hint included.
    expect(listed.join('\n')).toContain("(an app's audience is its entity ref or one luigi.tokens.audiences assigns it)");
    // Nothing of a claiming app was asked a token for.
    expect(access.requests.filter(request => request.entityRef.includes('claims-'))).toEqual([]);
  });

  it("shows no view of a claiming entity on its entity tab, and says why", async () => {
    const [item] = CLAIM_CASES.filter(candidate => candidate.name === 'claims-shipments');
    const { access } = await renderEntityTab(item.entity as unknown as Entity, { luigi });
    await screen.findByText('No micro frontend to show');
    await waitFor(() => expect(screen.getAllByTestId('luigi-rejected').length).toBeGreaterThan(0));
    const text = screen.getAllByTestId('luigi-rejected').map(element => element.textContent).join('\n');
    for (const reason of item.reasons) expect(text).toContain(reason);
    expect(access.requests).toEqual([]);
  });
});
