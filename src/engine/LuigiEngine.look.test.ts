import { engineApp, engineBinding } from '../testing/engineApps';
import { FakeLuigiCore } from '../testing/fakeLuigiCore';
import { LuigiEngine } from './LuigiEngine';
import type { PortalLook } from './portalLook';

const mockCore = new FakeLuigiCore();
jest.mock('./luigiCore', () => ({ loadLuigiCore: () => Promise.resolve(mockCore) }));

const themes = [
  { id: 'light', title: 'Light Theme' },
  { id: 'dark', title: 'Dark Theme' },
];
const light: PortalLook = { theme: { id: 'light', variant: 'light' }, themes, locale: 'en' };
const dark: PortalLook = { theme: { id: 'dark', variant: 'dark' }, themes, locale: 'de' };

/** The global context Luigi holds: from the config at start, from setGlobalContext afterwards. */
const globalContext = () => mockCore.setGlobalContext.mock.calls.at(-1)?.[0] ?? mockCore.config.navigation.globalContext;

describe('LuigiEngine look', () => {
  it("gives Luigi the portal's themes, theme and locale before the first frame, in context too", async () => {
    document.documentElement.setAttribute('lang', 'en-GB');
    const engine = new LuigiEngine();
    engine.setLook(light);
    engine.setGlobalContext({ user: { userEntityRef: 'user:default/alice' } });
    engine.setApps([engineApp('orders')]);
    const container = document.body.appendChild(document.createElement('div'));
    await engine.attach(container, engineBinding());

    expect(mockCore.config.settings.theming).toEqual({
      themes: [
        { id: 'light', name: 'Light Theme' },
        { id: 'dark', name: 'Dark Theme' },
      ],
      defaultTheme: 'light',
    });
    expect(mockCore.themingApi.setCurrentTheme).toHaveBeenLastCalledWith('light');
    expect(globalContext()).toEqual({
      user: { userEntityRef: 'user:default/alice' },
      theme: { id: 'light', variant: 'light' },
      locale: 'en',
    });

    // The user switches theme and language in Backstage's settings.
    engine.setLook(dark);
    expect(mockCore.themingApi.setCurrentTheme).toHaveBeenLastCalledWith('dark');
    expect(mockCore.i18nApi.setCurrentLocale).toHaveBeenLastCalledWith('de');
    expect(globalContext()).toEqual(expect.objectContaining({ theme: { id: 'dark', variant: 'dark' }, locale: 'de' }));
    // Luigi writes the locale to <html lang>; the host's stays.
    expect(document.documentElement.getAttribute('lang')).toBe('en-GB');

    // The same look again pushes nothing: each push is a context update in every open frame.
    const pushes = mockCore.setGlobalContext.mock.calls.length;
    engine.setLook({ ...dark, themes: [...themes] });
    expect(mockCore.setGlobalContext.mock.calls).toHaveLength(pushes);
    engine.detach(container);
    container.remove();
  });
});
