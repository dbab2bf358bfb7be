import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MicroApp } from '../../catalog/types';
import { MicroAppNav } from './MicroAppNav';

function app(i: number): MicroApp {
  const name = `app-${String(i).padStart(4, '0')}`;
  return {
    pathSegment: name,
    label: `App ${i}`,
    description: i === 777 ? 'Parcels on their way' : undefined,
    category: `Team ${i % 7}`,
    viewUrl: `https://apps.example.com/${name}/`,
    entity: { ref: `component:default/${name}`, kind: 'Component', namespace: 'default', name, title: `App ${i}` },
  };
}

const apps = Array.from({ length: 1000 }, (_, i) => app(i));
const drawn = () => within(screen.getByTestId('luigi-nav')).queryAllByRole('link').length;

describe('MicroAppNav with a large catalog', () => {
  it('draws a hundred apps, says how many there are, and finds the others through the filter', async () => {
    await renderInTestApp(<MicroAppNav apps={apps} onOpen={() => {}} />);
    expect(drawn()).toBe(100);
    expect(screen.getByTestId('luigi-apps-more')).toHaveTextContent('Showing 100 of 1,000 micro apps');
    await userEvent.type(screen.getByTestId('luigi-apps-filter'), 'parcels');
    expect(drawn()).toBe(1);
    expect(screen.getByTestId('luigi-nav-app-0777')).toHaveTextContent('App 777');
    expect(screen.queryByTestId('luigi-apps-more')).not.toBeInTheDocument();
    await userEvent.clear(screen.getByTestId('luigi-apps-filter'));
    await userEvent.type(screen.getByTestId('luigi-apps-filter'), 'nothing like this');
    expect(drawn()).toBe(0);
    expect(screen.getByText('No micro app matches the filter.')).toBeInTheDocument();
  });

  it('always shows the open app, even beyond the first hundred', async () => {
    await renderInTestApp(<MicroAppNav apps={apps} selected="app-0950" onOpen={() => {}} />);
    expect(drawn()).toBe(101);
    expect(screen.getByTestId('luigi-nav-app-0950')).toHaveClass('Mui-selected');
  });

  it('offers no filter for a handful of apps', async () => {
    await renderInTestApp(<MicroAppNav apps={apps.slice(0, 5)} onOpen={() => {}} />);
    expect(drawn()).toBe(5);
    expect(screen.queryByTestId('luigi-apps-filter')).not.toBeInTheDocument();
  });
});

describe('MicroAppNav with node settings', () => {
  const orders: MicroApp = {
    ...app(1),
    pathSegment: 'orders',
    label: 'Orders',
    node: {
      children: [
        { pathSegment: 'open', label: 'Open orders', viewUrl: 'https://apps.example.com/open', category: 'Lists' },
        { pathSegment: 'closed', label: 'Closed orders', viewUrl: 'https://apps.example.com/closed', category: 'Lists' },
        { pathSegment: 'new', label: 'New order', viewUrl: 'https://apps.example.com/new', openNodeInModal: { size: 's' } },
        { pathSegment: 'audit', label: 'Audit', viewUrl: 'https://apps.example.com/audit', hideFromNav: true },
        { pathSegment: ':id', label: 'One order', viewUrl: 'https://apps.example.com/one' },
      ],
    },
  };
  const hidden: MicroApp = { ...app(2), pathSegment: 'hidden', label: 'Hidden', node: { hideFromNav: true } };
  const children = () => within(screen.getByTestId('luigi-nav-children-orders'));

  it("lists the open app's children as a Luigi shell's navigation does: by category, without hidden or dynamic ones", async () => {
    await renderInTestApp(<MicroAppNav apps={[orders, app(3)]} selected="orders" selectedPath="/orders/closed" onOpen={() => {}} />);
    expect(children().getAllByRole('link').map(link => link.textContent)).toEqual(['New order', 'Open orders', 'Closed orders']);
    expect(children().getByText('Lists')).toBeInTheDocument();
    expect(screen.getByTestId('luigi-nav-child-orders/closed')).toHaveClass('Mui-selected');
    expect(screen.getByTestId('luigi-nav-child-orders/open')).toHaveAttribute('href', '#/orders/open');
  });

  it('shows no children while another app is open', async () => {
    await renderInTestApp(<MicroAppNav apps={[orders, app(3)]} selected="app-0003" onOpen={() => {}} />);
    expect(screen.queryByTestId('luigi-nav-children-orders')).not.toBeInTheDocument();
  });

  it('opens a child with openNodeInModal as a modal, with its settings, and the others in the page', async () => {
    const onOpen = jest.fn();
    await renderInTestApp(<MicroAppNav apps={[orders]} selected="orders" onOpen={onOpen} />);
    await userEvent.click(screen.getByText('New order'));
    await userEvent.click(screen.getByText('Open orders'));
    expect(onOpen.mock.calls).toEqual([
      ['/orders/new', { size: 's' }],
      ['/orders/open', undefined],
    ]);
  });

  it('leaves an app with hideFromNav out, unless it is the open one', async () => {
    await renderInTestApp(<MicroAppNav apps={[orders, hidden]} onOpen={() => {}} />);
    expect(screen.queryByTestId('luigi-nav-hidden')).not.toBeInTheDocument();
  });

  it('still marks a hidden app that is open', async () => {
    await renderInTestApp(<MicroAppNav apps={[orders, hidden]} selected="hidden" onOpen={() => {}} />);
    expect(screen.getByTestId('luigi-nav-hidden')).toHaveClass('Mui-selected');
  });
});
