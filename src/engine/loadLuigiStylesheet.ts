let loading: Promise<string> | undefined;

/**
 * Loads the view's Luigi stylesheet once per tab, on first use (its own lazy chunk, fetched beside
 * Luigi core). A failed load is retried by the next caller.
 */
export function loadLuigiStylesheet(): Promise<string> {
  if (!loading) {
    loading = import(/* webpackChunkName: "luigi-styles" */ './luigiStylesheet').then(m => m.luigiStylesheet);
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
