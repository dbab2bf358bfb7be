import { luigiHostOverrides } from './styles/luigiHostOverrides';
import { luigiScopedCss } from './styles/luigiScopedCss.generated';

/**
 * Luigi's stylesheet scoped to the view, with the host's overrides: about 110 KB, so it is imported
 * only through {@link loadLuigiStylesheet} and arrives with Luigi core, never in the host's eager
 * JavaScript.
 */
export const luigiStylesheet = luigiScopedCss + luigiHostOverrides;
