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
