import { MicroApp } from '../catalog/types';
import { engineApp, engineBinding } from '../testing/engineApps';
import { FakeLuigiCore } from '../testing/fakeLuigiCore';
import { LuigiEngine } from './LuigiEngine';

const mockCore = new FakeLuigiCore();
jest.mock('./luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const app = (name: string, frame?: MicroApp['frame']) => engineApp(name, { frame });

const binding = engineBinding();

/** A frame as Luigi creates it (its own sandbox set, not yet in the document), passed to the interceptor. */
function luigiFrame(node: object): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-top-navigation');
  frame.setAttribute('allow', 'camera *;');
  (mockCore.setConfig.mock.calls.at(-1)![0] as any).settings.iframeCreationInterceptor(frame, undefined, node);
  return frame;
}

describe('LuigiEngine frames', () => {
  it('gives every frame the referrer policy, the default sandbox and no browser features', async () => {
    const engine = new LuigiEngine();
    const container = document.body.appendChild(document.createElement('div'));
    engine.setApps([app('orders')]);
    await engine.attach(container, binding);
    const frame = luigiFrame(mockCore.nodes()[0] as object);
    expect(frame.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(frame.getAttribute('sandbox')?.split(' ').sort()).toEqual(
      ['allow-forms', 'allow-modals', 'allow-popups', 'allow-popups-to-escape-sandbox', 'allow-same-origin', 'allow-scripts'],
    );
    expect(frame.hasAttribute('allow')).toBe(false);
    engine.detach(container);
    container.remove();
  });

  it("adds what the frame's entity was granted, for its own origin only, and the configured referrer policy", async () => {
    const engine = new LuigiEngine();
    const container = document.body.appendChild(document.createElement('div'));
    engine.setReferrerPolicy('strict-origin');
    engine.setApps([app('orders', { allow: ['clipboard-write', 'camera'], sandbox: ['allow-downloads'] }), app('plain')]);
    await engine.attach(container, binding);
    const [orders, plain] = mockCore.nodes() as object[];
    const granted = luigiFrame(orders);
    expect(granted.getAttribute('referrerpolicy')).toBe('strict-origin');
    expect(granted.getAttribute('allow')).toBe("clipboard-write 'src'; camera 'src'");
    expect(granted.getAttribute('sandbox')).toContain('allow-downloads');
    // Another app's frame gets none of it.
    const other = luigiFrame(plain);
    expect(other.hasAttribute('allow')).toBe(false);
    expect(other.getAttribute('sandbox')).not.toContain('allow-downloads');
    engine.detach(container);
    container.remove();
  });
});
