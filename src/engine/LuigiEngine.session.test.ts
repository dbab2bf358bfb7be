import { waitFor } from '@testing-library/react';
import { engineApp, engineBinding } from '../testing/engineApps';
import { FakeLuigiCore } from '../testing/fakeLuigiCore';
import { LuigiEngine } from './LuigiEngine';

const mockCore = new FakeLuigiCore();
jest.mock('./luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

describe('LuigiEngine start', () => {
  it("waits for the session, so the first micro app's init context already has the user", async () => {
    const engine = new LuigiEngine();
    engine.awaitSession();
    engine.setApps([engineApp('orders')]);
    const container = document.body.appendChild(document.createElement('div'));
    await engine.attach(container, engineBinding());
    // Luigi core is loaded, but not started: routing now would build the frame's context without the user.
    expect(mockCore.setConfig).not.toHaveBeenCalled();

    engine.setSession({ context: { user: { userEntityRef: 'user:default/alice' } }, authData: undefined });
    await waitFor(() => expect(mockCore.setConfig).toHaveBeenCalledTimes(1));
    expect(mockCore.config.navigation.globalContext).toEqual({ user: { userEntityRef: 'user:default/alice' } });
    // Started with the context in its config: nothing to push, so no re-route of the first frame.
    expect(mockCore.setGlobalContext).not.toHaveBeenCalled();
    // Nothing asked Luigi's auth store before it was configured (Luigi warns in the console for that).
    expect(mockCore.storeReadsBeforeConfig).toBe(0);
    engine.detach(container);
    container.remove();
  });
});
