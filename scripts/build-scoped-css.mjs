// Generates src/engine/styles/luigiScopedCss.generated.ts: Luigi's stylesheet, scoped to the plugin's
// wrapper element, as one string. Runs from npm's `prepare` script; safe to run again at any time.
//
// Two inputs from the installed @luigi-project/core:
// - luigi_core.css, complete: Luigi's own layout (iframe container, modals, spinner, alerts).
// - luigi.css minus luigi_core.css (i.e. SAP Fundamental Styles), filtered down to the components
//   Luigi draws while its navigation and header are hidden; the whole sheet is ~1 MB and its fonts
//   cannot be bundled.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DEFAULT_SCOPE, collectVarReferences, keepClasses, scopeCss, subtractRules } from './scopeCss.mjs';

const require = createRequire(import.meta.url);
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the generated module goes, relative to the package root. */
export const OUTPUT_FILE = 'src/engine/styles/luigiScopedCss.generated.ts';

/**
 * Fundamental Styles classes kept from luigi.css: exactly the ones in the markup of the Luigi
 * components that can appear with navigation and header hidden (Alerts.svelte,
 * ConfirmationModal.svelte, Modal.svelte, the loading indicator in App.svelte). Listing variants
 * one by one matters: the sheet styles dozens of button and message-strip variants Luigi never
 * renders, which would otherwise make up most of the output.
 * Luigi's own classes (`lui-*`, `luigi-alert*`, `spinnerContainer`, `iframeModalCtn`, `drawer*`)
 * are all in luigi_core.css, which is taken whole. `sap-icon*` is left out: it is an icon font.
 */
export const FIORI_CLASSES = Object.freeze([
  // Alerts: <div fd-shell__overlay> with message strips, each with a transparent compact close button.
  'fd-shell__overlay',
  'fd-message-strip',
  'fd-message-strip--information',
  'fd-message-strip--success',
  'fd-message-strip--warning',
  'fd-message-strip--error',
  'fd-message-strip--dismissible',
  'fd-message-strip__sr-only',
  'fd-message-strip__icon-container',
  'fd-message-strip__text',
  'fd-message-strip__close',
  // Buttons as Luigi uses them (alert close, dialog close, confirm/dismiss).
  'fd-button',
  'fd-button--transparent',
  'fd-button--emphasized',
  'fd-button--compact',
  // Confirmation modal (Luigi.showConfirmationModal); its type is one of these five.
  'fd-message-box',
  'fd-message-box--active',
  'fd-message-box--confirmation',
  'fd-message-box--information',
  'fd-message-box--success',
  'fd-message-box--warning',
  'fd-message-box--error',
  'fd-message-box__content',
  'fd-message-box__header',
  'fd-message-box__body',
  'fd-message-box__footer',
  'fd-message-box__decisive-button',
  // Header and footer bars of both dialogs, with their title.
  'fd-bar',
  'fd-bar--header',
  'fd-bar--footer',
  'fd-bar__left',
  'fd-bar__right',
  'fd-bar__element',
  'fd-title',
  'fd-title--h5',
  // Micro-frontend modal (openAsModal); drawers reuse fd-dialog__content and fd-dialog__body.
  'fd-dialog',
  'fd-dialog--active',
  'fd-dialog__content',
  'fd-dialog__header',
  'fd-dialog__body',
  // Loading indicator: <div fd-page spinnerContainer> around a medium busy indicator. fd-page is
  // also on the iframe container; it gives the spinner overlay its opaque background.
  'fd-page',
  'fd-busy-indicator',
  'fd-busy-indicator--m',
  'fd-busy-indicator__circle',
]);

/** Directory and version of the installed @luigi-project/core. */
export function locateLuigiCore() {
  const packageJson = require.resolve('@luigi-project/core/package.json');
  return { dir: dirname(packageJson), version: JSON.parse(readFileSync(packageJson, 'utf8')).version };
}

/**
 * Builds the scoped stylesheet from a @luigi-project/core directory.
 * @param {string} luigiDir
 * @param {{ scope?: string }} [options]
 * @returns {{ css: string, inputBytes: { core: number, full: number } }}
 */
export function buildScopedCss(luigiDir, { scope = DEFAULT_SCOPE } = {}) {
  const coreCss = readFileSync(join(luigiDir, 'luigi_core.css'), 'utf8');
  const fullCss = readFileSync(join(luigiDir, 'luigi.css'), 'utf8');

  const core = scopeCss(coreCss, { scope });
  const fiori = scopeCss(subtractRules(fullCss, coreCss), {
    scope,
    keepSelector: keepClasses(FIORI_CLASSES),
    // Luigi's own rules read --sap* theme variables too; their definitions live only in luigi.css.
    extraVarUses: collectVarReferences(core),
  });
  // Same order as luigi.css (Luigi's rules, then Fundamental Styles), so ties resolve as they do there.
  return {
    css: `${core}\n${fiori}`,
    inputBytes: { core: Buffer.byteLength(coreCss), full: Buffer.byteLength(fullCss) },
  };
}

/**
 * The TypeScript module holding `css`.
 * @param {string} css
 * @param {{ version: string, scope?: string }} source @luigi-project/core version it was made from
 */
export function renderModule(css, { version, scope = DEFAULT_SCOPE }) {
  return [
    '/* eslint-disable */',
    '// GENERATED FILE, DO NOT EDIT. Produced by scripts/build-scoped-css.mjs (npm `prepare`)',
    `// from @luigi-project/core ${version}: luigi_core.css and the alert, dialog and busy-indicator`,
    `// parts of luigi.css, scoped to ${scope}.`,
    '// Sources: Luigi (Apache-2.0) and SAP Fundamental Library Styles (Apache-2.0), SAP SE.',
    '',
    '/** Luigi core styles, applying only inside the plugin\'s Luigi wrapper element. */',
    `export const luigiScopedCss: string = ${JSON.stringify(css)};`,
    '',
  ].join('\n');
}

function main() {
  const luigi = locateLuigiCore();
  const { css, inputBytes } = buildScopedCss(luigi.dir);
  const file = join(packageRoot, OUTPUT_FILE);
  const text = renderModule(css, { version: luigi.version });
  mkdirSync(dirname(file), { recursive: true });
  let previous;
  try {
    previous = readFileSync(file, 'utf8');
  } catch {
    previous = undefined;
  }
  // Leave an unchanged file alone so watchers and incremental builds do not re-run.
  if (previous !== text) writeFileSync(file, text);

  const kb = n => `${(n / 1024).toFixed(1)} KiB`;
  const out = Buffer.byteLength(css);
  console.log(
    `scoped Luigi CSS (@luigi-project/core ${luigi.version}): ` +
      `in luigi_core.css ${inputBytes.core} B (${kb(inputBytes.core)}), luigi.css ${inputBytes.full} B (${kb(inputBytes.full)}); ` +
      `out ${out} B (${kb(out)}, gzip ${kb(gzipSync(css).length)}) -> ${relative(process.cwd(), file) || file}` +
      (previous === text ? ' (unchanged)' : ''),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main();
}
