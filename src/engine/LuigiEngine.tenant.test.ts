import { engineApp, engineBinding } from '../testing/engineApps';
import { FakeLuigiCore } from '../testing/fakeLuigiCore';
import { LuigiEngine } from './LuigiEngine';

const mockCore = new FakeLuigiCore();
jest.mock('./luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const retail = { id: 'retail', title: 'Retail' };

const app = (name: string, tenant?: typeof retail) => engineApp(name, { tenant });

const binding = engineBinding();

/** A frame Luigi creates for a node, inside `parent`. */
function luigiFrame(parent: Element, node: object): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  parent.appendChild(frame);
  (mockCore.setConfig.mock.calls.at(-1)![0] as any).settings.iframeCreationInterceptor(frame, undefined, node);
  return frame;
}

describe('LuigiEngine tenants', () => {
  it("puts the app's tenant in its node context, and only while there is one", async () => {
    const engine = new LuigiEngine();
    const container = document.body.appendChild(document.createElement('div'));
    engine.setApps([app('orders', retail), app('plain')]);
    await engine.attach(container, binding);
    const [orders, plain] = mockCore.nodes() as any[];
    expect(JSON.parse(JSON.stringify(orders.context))).toEqual(
      expect.objectContaining({ tenant: { id: 'retail', title: 'Retail' }, entity: expect.objectContaining({ name: 'orders' }) }),
    );
    expect(JSON.parse(JSON.stringify(plain.context))).not.toHaveProperty('tenant');
    engine.detach(container);
    container.remove();
  });

  it("drops every frame, node and token of the previous tenant when another one is entered", async () => {
    const engine = new LuigiEngine();
    const container = document.body.appendChild(document.createElement('div'));
    const provider = { current: () => undefined, answered: () => true, ensure: async () => undefined, clear: jest.fn() };
    engine.resetForTenant('retail');
    engine.setMicroAppTokens(provider);
    engine.setApps([app('orders', retail)]);
    await engine.attach(container, binding);
    const node = mockCore.nodes()[0];
    const inRoot = luigiFrame(container.querySelector('[luigi-app-root]')!, node);
    // A frame Luigi keeps elsewhere (a preserved view group, a modal): dropped too.
    const elsewhere = luigiFrame(document.body, node);
    const notLuigis = document.body.appendChild(document.createElement('iframe'));

    engine.resetForTenant('retail');
    expect(inRoot.isConnected).toBe(true);
    expect(provider.clear).not.toHaveBeenCalled();

    engine.resetForTenant('logistics');
    expect(inRoot.isConnected).toBe(false);
    expect(elsewhere.isConnected).toBe(false);
    expect(notLuigis.isConnected).toBe(true);
    expect(mockCore.nodes()).toEqual([]);
    expect(provider.clear).toHaveBeenCalledTimes(1);
    expect(engine.openMicroAppEntities()).toEqual(new Set());
    engine.detach(container);
    container.remove();
    notLuigis.remove();
  });
});
