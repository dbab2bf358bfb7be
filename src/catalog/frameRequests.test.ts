import { buildMicroApps } from './buildMicroApps';
import { buildEntityViews } from './entityViews';
import { entityViewsWithFrameRequest, withFrameRequests } from './frameRequests';
import { componentEntity } from '../testing/componentEntity';

const allowedOrigins = new Set(['https://apps.example.com']);
const limits = { allow: ['clipboard-write'], sandbox: ['allow-downloads'] };

describe('withFrameRequests', () => {
  it('grants what the admin allows and hides, with the reason, an app asking for more', () => {
    const entities = [
      componentEntity('orders', {
        'luigi-project.io/view-url': 'https://apps.example.com/orders/',
        'luigi-project.io/frame-allow': 'clipboard-write',
        'luigi-project.io/frame-sandbox': 'allow-downloads',
      }),
      componentEntity('spy', { 'luigi-project.io/view-url': 'https://apps.example.com/spy/', 'luigi-project.io/frame-allow': 'camera' }),
      componentEntity('plain', { 'luigi-project.io/view-url': 'https://apps.example.com/plain/' }),
    ];
    const { apps, rejected } = withFrameRequests(buildMicroApps(entities, { allowedOrigins }).apps, entities, limits);
    expect(apps.map(app => [app.pathSegment, app.frame])).toEqual([
      ['orders', { allow: ['clipboard-write'], sandbox: ['allow-downloads'] }],
      ['plain', undefined],
    ]);
    expect(rejected).toEqual([
      { entityRef: 'component:default/spy', owner: 'group:default/team-a', label: 'Spy', reason: expect.stringMatching(/"camera".*luigi\.frames\.allow/) },
    ]);
  });
});

describe('entityViewsWithFrameRequest', () => {
  const views = 'Settings=https://apps.example.com/orders/settings';

  it("gives every view of the entity what it was granted", () => {
    const entity = componentEntity('orders', {
      'luigi-project.io/view-url': 'https://apps.example.com/orders/',
      'luigi-project.io/views': views,
      'luigi-project.io/frame-allow': 'clipboard-write',
    });
    const { views: shown, rejected } = entityViewsWithFrameRequest(buildEntityViews(entity, allowedOrigins), entity, limits);
    expect(shown.map(view => view.frame)).toEqual([
      { allow: ['clipboard-write'], sandbox: [] },
      { allow: ['clipboard-write'], sandbox: [] },
    ]);
    expect(rejected).toEqual([]);
  });

  it('refuses every view of an entity asking for more, naming the annotation', () => {
    const entity = componentEntity('spy', {
      'luigi-project.io/view-url': 'https://apps.example.com/spy/',
      'luigi-project.io/views': views,
      'luigi-project.io/frame-sandbox': 'allow-top-navigation',
    });
    const { views: shown, rejected } = entityViewsWithFrameRequest(buildEntityViews(entity, allowedOrigins), entity, limits);
    expect(shown).toEqual([]);
    expect(rejected.map(view => [view.label, view.annotation])).toEqual([
      ['Spy', 'luigi-project.io/frame-sandbox'],
      ['Settings', 'luigi-project.io/frame-sandbox'],
    ]);
    expect(rejected[0].reason).toMatch(/"allow-top-navigation"/);
  });
});
