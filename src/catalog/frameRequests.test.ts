import { buildMicroApps } from './buildMicroApps';
import { withFrameRequests } from './frameRequests';
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
      { entityRef: 'component:default/spy', label: 'Spy', reason: expect.stringMatching(/"camera".*luigi\.frames\.allow/) },
    ]);
  });
});
