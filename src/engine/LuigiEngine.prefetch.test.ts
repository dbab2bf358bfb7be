import { engineApp, engineBinding } from '../testing/engineApps';
import { FakeLuigiCore } from '../testing/fakeLuigiCore';
import { LuigiEngine } from './LuigiEngine';

const mockCore = new FakeLuigiCore();
jest.mock('./luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const app = (name: string) => engineApp(name);

const binding = engineBinding();

function provider() {
  const asked: string[] = [];
  return {
    asked,
    current: () => undefined,
    answered: () => false,
    ensure: async (entityRef: string) => {
      asked.push(entityRef);
      return { status: 'missing' as const };
    },
    clear: () => {},
  };
}

describe('LuigiEngine token prefetch', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it("asks for the token of the app the URL opens before any frame of it exists", async () => {
    window.history.replaceState(null, '', '/luigi#/billing/invoices');
    const engine = new LuigiEngine();
    const tokens = provider();
    engine.setMicroAppTokens(tokens);
    const container = document.body.appendChild(document.createElement('div'));
    void engine.attach(container, binding);
    expect(tokens.asked).toEqual([]);
    // The apps arrive once the backend has decided: only then is the app known to be allowed.
    engine.setApps([app('orders'), app('billing')]);
    expect(tokens.asked).toEqual(['component:default/billing']);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    engine.detach(container);
    container.remove();
  });

  it('asks for nothing while no view is shown, or for a path that is no allowed app', async () => {
    window.history.replaceState(null, '', '/luigi#/secret');
    const engine = new LuigiEngine();
    const tokens = provider();
    engine.setMicroAppTokens(tokens);
    engine.setApps([app('orders')]);
    const container = document.body.appendChild(document.createElement('div'));
    await engine.attach(container, binding);
    expect(tokens.asked).toEqual([]);
    engine.detach(container);
    container.remove();
  });
});
