import { NO_CLIENT_PERMISSIONS } from 'backstage-plugin-luigi-common';
import { buildMicroApps } from './buildMicroApps';
import { buildEntityViews } from './entityViews';
import { entityViewsWithNodeSettings, withNodeSettings } from './nodeSettings';
import { componentEntity } from '../testing/componentEntity';

const allowedOrigins = new Set(['https://apps.example.com', 'https://other.example.com']);
const plainView = JSON.stringify({ loadingIndicator: { enabled: false } });

describe('withNodeSettings', () => {
  it('gives each app its checked settings and hides, with the reason, one whose settings are refused', () => {
    const entities = [
      componentEntity('sample', { 'luigi-project.io/view-url': 'https://apps.example.com/sample1.html', 'luigi-project.io/node-settings': plainView }),
      componentEntity('sly', {
        'luigi-project.io/view-url': 'https://apps.example.com/sly/',
        'luigi-project.io/node-settings': JSON.stringify({ webcomponent: true }),
      }),
      componentEntity('plain', { 'luigi-project.io/view-url': 'https://apps.example.com/plain/' }),
    ];
    const { apps, rejected } = withNodeSettings(buildMicroApps(entities, { allowedOrigins }).apps, entities, allowedOrigins, NO_CLIENT_PERMISSIONS);
    expect(apps.map(app => [app.pathSegment, app.node])).toEqual([
      ['plain', undefined],
      ['sample', { loadingIndicator: { enabled: false } }],
    ]);
    expect(rejected).toEqual([
      {
        entityRef: 'component:default/sly',
        owner: 'group:default/team-a',
        label: 'Sly',
        reason: 'node settings: webcomponent: is not supported: web-component nodes run their script in the portal page',
      },
    ]);
  });

  it("refuses a child view at another origin than the app's, even an allowlisted one", () => {
    const entities = [
      componentEntity('orders', {
        'luigi-project.io/view-url': 'https://apps.example.com/orders/',
        'luigi-project.io/node-settings': JSON.stringify({
          children: [{ pathSegment: 'x', label: 'X', viewUrl: 'https://other.example.com/x' }],
        }),
      }),
    ];
    const { apps, rejected } = withNodeSettings(buildMicroApps(entities, { allowedOrigins }).apps, entities, allowedOrigins, NO_CLIENT_PERMISSIONS);
    expect(apps).toEqual([]);
    expect(rejected[0].reason).toBe("node settings: children[0].viewUrl: must be at the micro app's origin https://apps.example.com");
  });
});

describe('entityViewsWithNodeSettings', () => {
  it("applies the settings to the entity's view-url view only", () => {
    const entity = componentEntity('sample', {
      'luigi-project.io/view-url': 'https://apps.example.com/sample1.html',
      'luigi-project.io/views': 'Settings=https://apps.example.com/settings',
      'luigi-project.io/node-settings': plainView,
    });
    const { views, rejected } = entityViewsWithNodeSettings(buildEntityViews(entity, allowedOrigins), entity, allowedOrigins, NO_CLIENT_PERMISSIONS);
    expect(views.map(view => [view.pathSegment, view.node])).toEqual([
      ['sample', { loadingIndicator: { enabled: false } }],
      ['sample~settings', undefined],
    ]);
    expect(rejected).toEqual([]);
  });

  it('refuses the view-url view with the annotation and the reason, and keeps the others', () => {
    const entity = componentEntity('sample', {
      'luigi-project.io/view-url': 'https://apps.example.com/sample1.html',
      'luigi-project.io/views': 'Settings=https://apps.example.com/settings',
      'luigi-project.io/node-settings': '{"loadingIndicator": ',
    });
    const { views, rejected } = entityViewsWithNodeSettings(buildEntityViews(entity, allowedOrigins), entity, allowedOrigins, NO_CLIENT_PERMISSIONS);
    expect(views.map(view => view.pathSegment)).toEqual(['sample~settings']);
    expect(rejected).toEqual([
      { label: 'Sample', annotation: 'luigi-project.io/node-settings', reason: 'the node settings are not valid JSON' },
    ]);
  });
});
