/**
 * The slice of Luigi core's global API this plugin uses. Luigi ships no types; keeping the surface
 * small and named here makes every use of `window.Luigi` easy to find.
 */
export interface LuigiCore {
  setConfig(config: object): void;
  getConfig(): { navigation?: { nodes?: unknown; globalContext?: object } } & Record<string, any>;
  configChanged(...scope: string[]): void;
  setGlobalContext(context: object, preventUpdate?: boolean): void;
  navigation(): { navigate(path: string): void; openAsModal(path: string, settings?: object): void };
  auth(): { store: { setAuthData(data: object): void; removeAuthData(): void } };
  theming(): { setCurrentTheme(id: string): void };
  i18n(): { getCurrentLocale(): string; setCurrentLocale(locale: string): void };
}

declare global {
  interface Window {
    Luigi?: LuigiCore;
  }
}

let loading: Promise<LuigiCore> | undefined;

/**
 * Loads Luigi core once per browser tab, on first use. `luigi.js` is an IIFE that sets `window.Luigi`;
 * a second copy would replace it with an independent instance, so the promise is shared.
 */
export function loadLuigiCore(): Promise<LuigiCore> {
  if (!loading) {
    loading = import(
      /* webpackChunkName: "luigi-core" */ '@luigi-project/core/luigi.js'
    ).then(() => {
      if (!window.Luigi) {
        throw new Error('Luigi core loaded but did not register window.Luigi');
      }
      return window.Luigi;
    });
    // Let a failed load (network, chunk error) be retried by the next view.
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
