import { LuigiRegistrationProcessor } from './LuigiRegistrationProcessor';

const component = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'website', lifecycle: 'production', owner: 'team-orders' },
});

const messages = (entity: object) =>
  ((entity as { status?: { items?: Array<{ message: string }> } }).status?.items ?? []).map(item => item.message);

describe('frame requests at ingestion', () => {
  const processor = new LuigiRegistrationProcessor(new Set(['https://apps.example.com']), {
    allow: ['clipboard-write'],
    sandbox: ['allow-downloads'],
  });

  it('accepts what the portal grants', async () => {
    const entity = component('orders', {
      'luigi-project.io/view-url': 'https://apps.example.com/orders/',
      'luigi-project.io/frame-allow': 'clipboard-write',
      'luigi-project.io/frame-sandbox': 'allow-downloads',
    });
    expect(messages(await processor.postProcessEntity(entity as any))).toEqual([]);
  });

  it('tells the owner which feature or sandbox token the portal does not grant', async () => {
    const camera = component('spy', { 'luigi-project.io/view-url': 'https://apps.example.com/spy/', 'luigi-project.io/frame-allow': 'camera' });
    expect(messages(await processor.postProcessEntity(camera as any))).toEqual([
      'InputError: Micro frontend not shown: luigi-project.io/frame-allow: asks for the browser feature "camera", which the portal does not grant micro apps (luigi.frames.allow)',
    ]);
    const top = component('top', { 'luigi-project.io/view-url': 'https://apps.example.com/top/', 'luigi-project.io/frame-sandbox': 'allow-top-navigation' });
    expect(messages(await processor.postProcessEntity(top as any))).toEqual([
      'InputError: Micro frontend not shown: luigi-project.io/frame-sandbox: asks for the sandbox token "allow-top-navigation", which the portal does not grant micro apps (luigi.frames.sandbox)',
    ]);
  });

  it('grants nothing by default, and says nothing of entities without a micro frontend', async () => {
    const strict = new LuigiRegistrationProcessor(new Set(['https://apps.example.com']));
    const asks = component('clip', { 'luigi-project.io/view-url': 'https://apps.example.com/clip/', 'luigi-project.io/frame-allow': 'clipboard-write' });
    expect(messages(await strict.postProcessEntity(asks as any))).toHaveLength(1);
    const noView = component('docs', { 'luigi-project.io/frame-allow': 'camera' });
    expect(messages(await strict.postProcessEntity(noView as any))).toEqual([]);
  });
});
