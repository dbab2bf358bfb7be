import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { getLuigiEngine } from '../../engine/LuigiEngine';
import { componentEntity } from '../../testing/componentEntity';
import { accessApiAllowing } from '../../testing/accessApi';
import { renderLuigiSidebar } from '../../testing/renderLuigi';

const component = componentEntity;

const entities = [
  component('orders', { 'luigi-project.io/view-url': 'https://apps.example.com/orders/' }, 'commerce'),
  component('billing', {
    'luigi-project.io/view-url': 'https://apps.example.com/billing/',
    'luigi-project.io/category': 'Finance',
  }),
  component('evil', { 'luigi-project.io/view-url': 'https://evil.example.net/x/' }, 'commerce'),
  component('plain', {}, 'commerce'),
];

function Location() {
  const location = useLocation();
  return <div data-testid="location">{`${location.pathname}${location.hash}`}</div>;
}

function renderSidebar(path: string, items = entities, access = accessApiAllowing()) {
  return renderLuigiSidebar(path, { entities: items, access, children: <Location /> });
}

const location = () => screen.getByTestId('location').textContent;

async function openSubmenu() {
  await userEvent.hover(await screen.findByTestId('item-with-submenu'));
  return screen.getByTestId('luigi-sidebar-submenu');
}

describe('LuigiSidebarItem (legacy frontend system)', () => {
  it('links to the micro apps page wherever it is mounted', async () => {
    await renderSidebar('/home');
    const item = (await screen.findAllByRole('link')).find(link => link.textContent?.includes('Micro apps'));
    expect(item).toHaveAttribute('href', '/apps');
  });

  it('lists the micro apps the user can open by category, each linking to the page at that app', async () => {
    await renderSidebar('/home');
    const submenu = await openSubmenu();
    const categories = within(submenu).getAllByRole('button').map(button => button.textContent);
    expect(categories).toEqual(['Commerce', 'Finance']);
    const links = within(submenu).getAllByRole('link');
    expect(links.map(link => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Orders', '/apps#/orders'],
      ['Billing', '/apps#/billing'],
    ]);
    // Refused and unannotated entities are not offered.
    expect(within(submenu).queryByText('Evil')).not.toBeInTheDocument();
    expect(within(submenu).queryByText('Plain')).not.toBeInTheDocument();
  });

  it('leaves out an app whose node settings say hideFromNav', async () => {
    const hidden = component('hidden', {
      'luigi-project.io/view-url': 'https://apps.example.com/hidden/',
      'luigi-project.io/node-settings': '{"hideFromNav": true}',
    }, 'commerce');
    await renderSidebar('/home', [...entities, hidden]);
    const submenu = await openSubmenu();
    expect(within(submenu).getAllByRole('link').map(link => link.textContent)).toEqual(['Orders', 'Billing']);
  });

  it('opens the page at the app from another page', async () => {
    await renderSidebar('/home');
    const submenu = await openSubmenu();
    await userEvent.click(within(submenu).getByText('Billing'));
    expect(location()).toBe('/apps#/billing');
  });

  it('on the page itself, asks Luigi to navigate (a router push would not reach Luigi)', async () => {
    const navigate = jest.spyOn(getLuigiEngine(), 'navigate').mockImplementation(() => {});
    // In a browser the window's address is the router's; the test router keeps its own.
    window.history.replaceState(null, '', '/apps#/orders');
    await renderSidebar('/apps#/orders');
    const submenu = await openSubmenu();
    await userEvent.click(within(submenu).getByText('Billing'));
    expect(navigate).toHaveBeenCalledWith('/billing');
    expect(location()).toBe('/apps#/orders');
    navigate.mockRestore();
    window.history.replaceState(null, '', '/');
  });

  it('draws at most as many apps as the page does, and links to the page for all of them', async () => {
    // Ten thousand links in the submenu froze the portal for seconds each time it opened.
    const many = Array.from({ length: 150 }, (_, i) =>
      component(`app-${String(i).padStart(3, '0')}`, { 'luigi-project.io/view-url': `https://apps.example.com/app-${i}/` }, 'many'),
    );
    await renderSidebar('/home', many);
    const submenu = await openSubmenu();
    const apps = within(submenu).getAllByRole('link').filter(link => link.getAttribute('href')?.startsWith('/apps#/'));
    expect(apps).toHaveLength(100);
    expect(apps[0]).toHaveTextContent('App-000');
    const all = within(screen.getByTestId('luigi-sidebar-more')).getByRole('link');
    expect(all).toHaveTextContent('All 150 micro apps');
    expect(all).toHaveAttribute('href', '/apps');
  });

  it('is a plain link to the page while there are no micro apps', async () => {
    await renderSidebar('/home', [component('plain', {})]);
    expect(await screen.findByText('Micro apps')).toBeInTheDocument();
    expect(screen.queryByTestId('item-with-submenu')).not.toBeInTheDocument();
  });
});
