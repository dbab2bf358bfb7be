/** Attribute of the wrapper the scoped Luigi stylesheet is bound to (see scripts/build-scoped-css.mjs). */
export const LUIGI_HOST_ATTRIBUTE = 'data-luigi-plugin-host';

/** CSS selector of that wrapper. */
export const LUIGI_HOST_SELECTOR = `[${LUIGI_HOST_ATTRIBUTE}]`;
