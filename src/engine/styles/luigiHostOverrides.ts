import { LUIGI_HOST_SELECTOR } from './hostSelector';

/**
 * Small corrections to Luigi's stylesheet for a view embedded in a page rather than filling it:
 * alerts are offset for Luigi's own header (disabled here) and would be clipped at the top, and the
 * close icons come from an icon font that cannot be bundled. `!important` because Luigi's rule
 * carries a Svelte scoping class, which out-ranks any selector that does not repeat it.
 */
export const luigiHostOverrides = `
${LUIGI_HOST_SELECTOR} .luigi-alert--overlay { margin-top: 0 !important; }
${LUIGI_HOST_SELECTOR} .sap-icon--decline::before { content: "\\00d7"; font-size: 1.25rem; line-height: 1; }
`;
