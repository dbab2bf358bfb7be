// Run with: node --test scripts/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import postcss from 'postcss';
import {
  DEFAULT_SCOPE,
  keepClasses,
  requiredClasses,
  scopeCss,
  scopeSelector,
  subtractRules,
} from './scopeCss.mjs';
import { FIORI_CLASSES, buildScopedCss, renderModule } from './build-scoped-css.mjs';

const S = '[data-luigi-plugin-host]';

/**
 * One line per rule: `@media q | selector, selector { prop:value; ... }`, keyframe steps included.
 * Whitespace-insensitive, so assertions do not depend on postcss's formatting.
 */
function flat(css) {
  const lines = [];
  postcss.parse(css).walkRules(rule => {
    const context = [];
    for (let p = rule.parent; p && p.type === 'atrule'; p = p.parent) context.unshift(`@${p.name} ${p.params}`);
    const decls = rule.nodes.filter(n => n.type === 'decl').map(d => `${d.prop}:${d.value}`);
    lines.push(`${context.map(c => `${c} | `).join('')}${rule.selectors.join(', ')} { ${decls.join('; ')} }`);
  });
  return lines;
}

const scoped = (css, options) => flat(scopeCss(css, options));

function luigiDir() {
  return dirname(createRequire(import.meta.url).resolve('@luigi-project/core/package.json'));
}

/** Every selector outside @keyframes, from a stylesheet. */
function selectorsOf(css) {
  const selectors = [];
  postcss.parse(css).walkRules(rule => {
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
    selectors.push(...rule.selectors);
  });
  return selectors;
}

test('html, body and :root become the scope', () => {
  assert.deepEqual(scoped('html{box-sizing:border-box}'), [`${S} { box-sizing:border-box }`]);
  assert.deepEqual(scoped('body{line-height:1.4}'), [`${S} { line-height:1.4 }`]);
  assert.deepEqual(scoped(':root{--a:1px}'), [`${S} { --a:1px }`]);
  assert.deepEqual(scoped('body > .x{color:red}'), [`${S} > .x { color:red }`]);
  assert.deepEqual(scoped('html body .x{color:red}'), [`${S} .x { color:red }`]);
  assert.deepEqual(scoped('html>body>.x{color:red}'), [`${S} > .x { color:red }`]);
  assert.deepEqual(scoped('body:before{content:""}'), [`${S}:before { content:"" }`]);
});

test('qualifiers on html/body stay conditions on the real element, keeping the selector scoped', () => {
  assert.deepEqual(scoped('html.some-class{color:red}'), [`${S}:is(html.some-class *) { color:red }`]);
  assert.deepEqual(scoped('html[dir=rtl] .x{float:right}'), [`${S}:is(html[dir=rtl] *) .x { float:right }`]);
  assert.deepEqual(scoped('body:not(.collapsed) .x{left:0}'), [`${S}:is(body:not(.collapsed) *) .x { left:0 }`]);
  assert.deepEqual(scoped('html.a body.b .x{left:0}'), [`${S}:is(html.a *):is(body.b *) .x { left:0 }`]);
});

test('luigi-app-in-custom-container counts as set on the scope, with the selector weight kept', () => {
  const weighted = `${S}:is(${S}, html.luigi-app-in-custom-container)`;
  assert.deepEqual(scoped('html.luigi-app-in-custom-container [luigi-app-root]{position:relative}'), [
    `${weighted} [luigi-app-root] { position:relative }`,
  ]);
  // Relative positioning on the wrapper itself is kept: it makes the wrapper a containing block.
  assert.deepEqual(scoped('html.luigi-app-in-custom-container{position:relative}'), [`${weighted} { position:relative }`]);
  assert.deepEqual(scopeSelector('.luigi-app-in-custom-container .x', S).selector, `${S} .luigi-app-in-custom-container .x`);
});

test('other selectors get the scope as ancestor; * is never global', () => {
  assert.deepEqual(scoped('.a .b, #c > d{color:red}'), [`${S} .a .b, ${S} #c > d { color:red }`]);
  assert.deepEqual(scoped('*{box-sizing:inherit}'), [`${S} * { box-sizing:inherit }`]);
  assert.deepEqual(scoped('*,:after,:before{box-sizing:inherit}'), [
    `${S} *, ${S} :after, ${S} :before { box-sizing:inherit }`,
  ]);
  assert.deepEqual(scoped('[luigi-app-loading-indicator].hidden{opacity:0}'), [
    `${S} [luigi-app-loading-indicator].hidden { opacity:0 }`,
  ]);
  assert.deepEqual(scoped('a[title="html body"]{color:red}'), [`${S} a[title="html body"] { color:red }`]);
  assert.deepEqual(scoped('.x{color:red}', { scope: '#host' }), ['#host .x { color:red }']);
});

test('page-level declarations are dropped from the wrapper, not from its descendants', () => {
  assert.deepEqual(scoped('html{box-sizing:border-box;min-height:100%;position:fixed;width:100%}'), [
    `${S} { box-sizing:border-box }`,
  ]);
  assert.deepEqual(
    scoped('body{-webkit-font-smoothing:antialiased;background-color:#f7f7f7;line-height:1.42857;margin:0;overflow:hidden}'),
    [`${S} { -webkit-font-smoothing:antialiased; line-height:1.42857 }`],
  );
  // Only harmful declarations: the rule disappears.
  assert.deepEqual(scoped('body{font-family:"72",sans-serif}'), []);
  assert.deepEqual(scoped('body > .x{overflow:hidden;position:fixed}'), [`${S} > .x { overflow:hidden; position:fixed }`]);
  // Mixed list: the wrapper gets a trimmed copy, descendants the full rule.
  assert.deepEqual(scoped('html,.y{position:fixed;color:red}'), [`${S} { color:red }`, `${S} .y { position:fixed; color:red }`]);
});

test('@font-face, @import, @charset and url() declarations are removed', () => {
  const css =
    '@charset "UTF-8";@import url(x.css);@font-face{font-family:"72";src:url(72.woff2) format("woff2")}' +
    '.a{background:url(a.png) no-repeat;color:red}.b{background-image:url("b.svg")}' +
    ':root{--sapFontUrl:url(72.woff);--ok:1px}.sap-icon{font-family:SAP-icons}';
  const out = scopeCss(css);
  assert.doesNotMatch(out, /url\(|@font-face|@import|@charset/i);
  assert.deepEqual(flat(out), [`${S} .a { color:red }`, `${S} { --ok:1px }`, `${S} .sap-icon { font-family:SAP-icons }`]);
});

test('@keyframes are kept as they are; @media and @supports contents are scoped', () => {
  const out = scoped(
    '@keyframes grow{0%{transform:scale(0)}to{transform:scale(1)}}' +
      '@media (min-width:600px){.a{color:red}body{margin:0;line-height:1}}' +
      '@supports (display:grid){@media print{html .b{display:grid}}}',
  );
  assert.deepEqual(out, [
    '@keyframes grow | 0% { transform:scale(0) }',
    '@keyframes grow | to { transform:scale(1) }',
    `@media (min-width:600px) | ${S} .a { color:red }`,
    `@media (min-width:600px) | ${S} { line-height:1 }`,
    `@supports (display:grid) | @media print | ${S} .b { display:grid }`,
  ]);
  // A media block left empty by the removals goes away.
  assert.equal(scopeCss('@media (max-width:1px){body{margin:0}}'), '');
});

test('Svelte :global() leftovers (invalid, so dead in browsers) are removed whole', () => {
  assert.deepEqual(scoped('.a:global(.b),.c{top:0}.d{top:1px}'), [`${S} .d { top:1px }`]);
});

test('requiredClasses ignores :not() and attribute selectors', () => {
  assert.deepEqual(requiredClasses('.fd-bar .fd-button:not(.fd-shellbar__button):hover'), ['fd-bar', 'fd-button']);
  assert.deepEqual(requiredClasses('[class*=-compact] .fd-message-box:not([class*=-cozy])'), ['fd-message-box']);
  assert.deepEqual(requiredClasses('a[href$=".pdf"]'), []);
  assert.deepEqual(requiredClasses('.fd-col--1\\/2'), ['fd-col--1/2']);
});

test('keepClasses keeps selectors made only of allowed classes', () => {
  const keep = keepClasses(['fd-bar', 'fd-button', /^fd-title(--h\d)?$/]);
  assert.equal(keep('.fd-bar .fd-button:hover'), true);
  assert.equal(keep('[dir=rtl] .fd-title--h5'), true);
  assert.equal(keep('.fd-shellbar .fd-button'), false);
  assert.equal(keep('.fd-button--positive'), false);
  assert.equal(keep('[dir=rtl]'), false);
  assert.equal(keep(':root'), false);
});

test('filter keeps matching rules and only the variables and keyframes they use', () => {
  const css =
    ':root{--used:1px;--chain:var(--deep);--deep:2px;--unused:3px;--font:url(x.woff)}html{position:fixed}' +
    '@media (prefers-contrast:more){:root{--used:4px;--unused:5px}}' +
    '.keep{width:var(--used);height:var(--chain);animation:pulse 1s infinite}' +
    '.keep,.drop{color:red}.drop{width:var(--unused)}.keep .drop{top:0}' +
    '@keyframes pulse{to{opacity:1}}@keyframes other{to{opacity:0}}' +
    '@media (min-width:600px){.drop{top:0}}';
  const out = scoped(css, { keepSelector: keepClasses(['keep']) });
  assert.deepEqual(out, [
    `${S} { --used:1px; --chain:var(--deep); --deep:2px }`,
    `@media (prefers-contrast:more) | ${S} { --used:4px }`,
    `${S} .keep { width:var(--used); height:var(--chain); animation:pulse 1s infinite }`,
    `${S} .keep { color:red }`,
    '@keyframes pulse | to { opacity:1 }',
  ]);
  // Variables another stylesheet needs can be kept explicitly.
  const extra = scoped(':root{--a:1px;--b:2px}.x{color:red}', { keepSelector: () => false, extraVarUses: ['--b'] });
  assert.deepEqual(extra, [`${S} { --b:2px }`]);
});

test('subtractRules removes rules the other sheet has in the same context', () => {
  const out = subtractRules('.a{top:0}.b{top:0}@media print{.a{top:0}}', '.a{top:0}');
  assert.deepEqual(flat(out), ['.b { top:0 }', '@media print | .a { top:0 }']);
});

test('real luigi_core.css: every selector starts with the scope, nothing global is left', () => {
  const css = scopeCss(readFileSync(join(luigiDir(), 'luigi_core.css'), 'utf8'));
  const selectors = selectorsOf(css);
  assert.ok(selectors.length > 400);
  for (const selector of selectors) assert.ok(selector.startsWith(S), selector);
  assert.doesNotMatch(css, /url\(|@font-face/i);
  // The wrapper is a normal block in the host page: not pinned, not clipped, no own font.
  postcss.parse(css).walkRules(rule => {
    if (!/^\[data-luigi-plugin-host\](:is\([^)]*\))*$/.test(rule.selector)) return;
    rule.walkDecls(decl => {
      assert.doesNotMatch(`${decl.prop}:${decl.value}`, /^(position:fixed|overflow|margin|font-family|min-height)/, rule.selector);
    });
  });
  // The containers Luigi draws into stay filled: absolute in the relative [luigi-app-root].
  assert.match(css, /luigi-app-in-custom-container\) \[luigi-app-root\]\{overflow:hidden;position:relative\}/);
});

test('real build: scoped, no url(), only the listed Fiori parts plus the variables they use', () => {
  const dir = luigiDir();
  const { css } = buildScopedCss(dir);
  for (const selector of selectorsOf(css)) assert.ok(selector.startsWith(DEFAULT_SCOPE), selector);
  assert.doesNotMatch(css, /url\(|@font-face|@charset/i);
  assert.ok(Buffer.byteLength(css) < 160 * 1024, `unexpectedly large: ${Buffer.byteLength(css)} B`);

  const flatCss = flat(css).join('\n');
  assert.match(flatCss, /\.fd-busy-indicator__circle \{/);
  assert.match(flatCss, /\.fd-message-strip--error/);
  assert.match(flatCss, /\.fd-dialog--active \{/);
  assert.match(flatCss, /@keyframes grow \|/);
  assert.doesNotMatch(flatCss, /fd-button--positive|indication-color|\.sap-icon--|fd-switch/);

  // Every theme variable the output reads and luigi.css defines globally is defined in the output.
  const defined = new Set();
  postcss.parse(css).walkDecls(/^--/, d => defined.add(d.prop));
  const globalDefs = new Set();
  postcss.parse(readFileSync(join(dir, 'luigi.css'), 'utf8')).walkRules(/^:root$/, rule => {
    rule.walkDecls(/^--/, d => globalDefs.add(d.prop));
  });
  const missing = [];
  postcss.parse(css).walkDecls(d => {
    for (const [, name] of d.value.matchAll(/var\(\s*(--[\w-]+)/g)) {
      if (globalDefs.has(name) && !defined.has(name)) missing.push(name);
    }
  });
  assert.deepEqual(missing, []);
  assert.ok(defined.has('--sapTextColor') && !defined.has('--fdSwitch_Compact_Width'));
  assert.ok(FIORI_CLASSES.includes('fd-busy-indicator'));
});

test('generated module is valid: one exported string', () => {
  const text = renderModule('[s] .a{content:"\\"x\\""}', { version: '9.9.9' });
  assert.match(text, /^\/\* eslint-disable \*\/\n\/\/ GENERATED FILE, DO NOT EDIT/);
  assert.match(text, /@luigi-project\/core 9\.9\.9/);
  const m = /export const luigiScopedCss: string = (.*);\n$/.exec(text);
  assert.ok(m);
  assert.equal(JSON.parse(m[1]), '[s] .a{content:"\\"x\\""}');
});
