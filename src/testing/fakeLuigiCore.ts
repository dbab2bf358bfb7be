import { LuigiCore } from '../engine/luigiCore';

interface FakeNode {
  pathSegment: string;
  label: string;
  viewUrl: string;
  context: { entity: { ref: string } };
}

/**
 * A stand-in for Luigi core in unit tests (jsdom cannot run Luigi's iframes): it keeps the last
 * configuration and records navigation, so tests can check what Luigi was asked to show.
 */
export class FakeLuigiCore implements LuigiCore {
  config: Record<string, any> = {};
  readonly navigated: string[] = [];
  /** Paths opened as modals, with their settings, in order. */
  readonly modals: Array<{ path: string; settings?: object }> = [];
  readonly setConfig = jest.fn((config: object) => {
    this.config = config as Record<string, any>;
  });
  readonly configChanged = jest.fn();
  readonly setGlobalContext = jest.fn();
  readonly authStore = { setAuthData: jest.fn(), removeAuthData: jest.fn() };
  readonly themingApi = { setCurrentTheme: jest.fn() };
  locale = 'en';
  readonly i18nApi = {
    getCurrentLocale: () => this.locale,
    // As Luigi's: it also writes the locale to <html lang>.
    setCurrentLocale: jest.fn((locale: string) => {
      this.locale = locale;
      document.documentElement.setAttribute('lang', locale);
    }),
  };

  getConfig() {
    return this.config;
  }

  navigation() {
    return {
      navigate: (path: string) => void this.navigated.push(path),
      openAsModal: (path: string, settings?: object) => void this.modals.push({ path, settings }),
    };
  }

  /** Reads of `auth().store` before the first setConfig: real Luigi warns "not initialized yet" on each. */
  storeReadsBeforeConfig = 0;

  auth() {
    const core = this;
    return {
      get store() {
        if (core.setConfig.mock.calls.length === 0) core.storeReadsBeforeConfig++;
        return core.authStore;
      },
    };
  }

  theming() {
    return this.themingApi;
  }

  i18n() {
    return this.i18nApi;
  }

  /** The navigation nodes Luigi currently routes to. */
  nodes(): FakeNode[] {
    return (this.config.navigation?.nodes ?? []) as FakeNode[];
  }
}
