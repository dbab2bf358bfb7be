import { screen, waitFor, within } from '@testing-library/react';
import { LuigiAdminWarning, LuigiAdminWarnings } from 'backstage-plugin-luigi-common';
import { accessApiAllowing } from '../../testing/accessApi';
import { FakeLuigiCore } from '../../testing/fakeLuigiCore';
import { renderWithLuigiApis } from '../../testing/renderLuigi';
import { LuigiPage } from '../LuigiPage/LuigiPage';

const mockCore = new FakeLuigiCore();
jest.mock('../../engine/luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const ALLOW_ALL: LuigiAdminWarning = {
  id: 'allow-all-module',
  title: 'Everybody may open every micro app: the allow-all permission policy is installed',
  message: 'The permission backend runs the module allow-all-policy.',
  fix: 'Remove the allow-all policy module and install a policy. To keep it on purpose, set luigi.access.policyAllowsEveryoneOnPurpose: true.',
  detectedAt: '2026-12-07T10:00:00.000Z',
};

/** The test access API, answering the admin warnings route with `answer` (or failing with it). */
function accessAnswering(answer: LuigiAdminWarnings | Error) {
  const access = accessApiAllowing();
  const asked: string[] = [];
  return Object.assign(access, {
    asked,
    async adminWarnings() {
      asked.push('admin-warnings');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
}

/** The page has settled once its empty state (no micro apps in the catalog) shows. */
async function pageSettled() {
  await screen.findByText('No micro apps yet');
}

describe('LuigiPage admin warnings', () => {
  it('shows the warning the backend answers, with its fix, above the content', async () => {
    const access = accessAnswering({ warnings: [ALLOW_ALL] });
    await renderWithLuigiApis(<LuigiPage />, '/luigi', { access });
    const panel = await screen.findByTestId('luigi-admin-warning');
    expect(panel).toHaveTextContent(ALLOW_ALL.title);
    expect(within(panel).getByText(ALLOW_ALL.message)).toBeInTheDocument();
    expect(panel).toHaveTextContent(`Fix: ${ALLOW_ALL.fix}`);
    expect(access.asked).toEqual(['admin-warnings']);
    await pageSettled();
  });

  it('shows nothing when the backend answers no warnings (nothing wrong, or the user is no admin)', async () => {
    const access = accessAnswering({ warnings: [] });
    await renderWithLuigiApis(<LuigiPage />, '/luigi', { access });
    await pageSettled();
    await waitFor(() => expect(access.asked).toEqual(['admin-warnings']));
    expect(screen.queryByTestId('luigi-admin-warning')).not.toBeInTheDocument();
  });

  it('shows nothing, and the page as usual, when asking fails', async () => {
    const failing = accessAnswering(new Error('503'));
    await renderWithLuigiApis(<LuigiPage />, '/luigi', { access: failing });
    await pageSettled();
    await waitFor(() => expect(failing.asked).toEqual(['admin-warnings']));
    expect(screen.queryByTestId('luigi-admin-warning')).not.toBeInTheDocument();
  });
});
