// Scopes a global stylesheet (Luigi's) to one wrapper element so it cannot restyle the host page.
// Pure functions over postcss; used by build-scoped-css.mjs at install time, never in the browser.

import postcss from 'postcss';

/** Default wrapper selector: the element the plugin mounts Luigi's root into. */
export const DEFAULT_SCOPE = '[data-luigi-plugin-host]';

/**
 * Classes Luigi puts on `<html>` that stand for "Luigi lives in a container, not the whole page".
 * That is always our case, so selectors carrying them are treated as if the wrapper had them.
 */
export const DEFAULT_HOST_CLASSES = Object.freeze(['luigi-app-in-custom-container']);

const KEYFRAMES = /^(-[a-z]+-)?keyframes$/i;
/** At-rules that are global by nature or need files we cannot bundle. */
const DROPPED_AT_RULES = new Set(['charset', 'import', 'namespace', 'font-face']);
const PSEUDO_ELEMENT = /^(::|:(before|after|first-line|first-letter)$)/i;

/**
 * Declarations that must not land on the wrapper itself when `html`/`body`/`:root` rules are
 * rewritten onto it. Luigi's page rules pin the document (`html{position:fixed}`,
 * `body{overflow:hidden;margin:0}`) and set its font and background; on a block inside a Backstage
 * page they would detach or clip it and fight the host's layout. The wrapper's box belongs to the
 * host; what Luigi needs inside it comes from `[luigi-app-root]{position:relative}` and the
 * inherited properties (box-sizing, line-height) that are kept.
 *
 * @param {import('postcss').Declaration} decl
 * @returns {boolean}
 */
export function isHarmfulOnHost(decl) {
  const prop = decl.prop.toLowerCase();
  if (prop.startsWith('--')) return false;
  if (prop === 'position') return !/^(relative|static)$/i.test(decl.value.trim());
  return /^(top|right|bottom|left|inset(-.+)?|z-index|transform|float|overflow(-[xy])?|margin(-.+)?|padding(-.+)?|(min-|max-)?(width|height)|font|font-family|background(-.+)?)$/.test(
    prop,
  );
}

/**
 * Splits `selector` at its first top-level combinator.
 * @param {string} s
 * @returns {[compound: string, rest: string]} `rest` starts with the combinator (or is empty).
 */
function nextCompound(s) {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') {
      i++;
    } else if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '(' || ch === '[') {
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
    } else if (depth === 0 && /[\s>+~]/.test(ch)) {
      return [s.slice(0, i), s.slice(i)];
    }
  }
  return [s, ''];
}

/**
 * Reads the combinator at the start of `s`.
 * @param {string} s
 * @returns {[combinator: string, rest: string]} `combinator` is '' for the descendant combinator.
 */
function readCombinator(s) {
  const m = /^\s*([>+~]?)\s*/.exec(s);
  return [m[1], s.slice(m[0].length)];
}

/**
 * Splits a compound selector into simple selectors: `body.a:not(.b)` → `body`, `.a`, `:not(.b)`.
 * @param {string} compound
 * @returns {string[]}
 */
function splitCompound(compound) {
  const parts = [];
  let cur = '';
  let depth = 0;
  let quote = '';
  for (let i = 0; i < compound.length; i++) {
    const ch = compound[i];
    if (ch === '\\') {
      cur += ch + (compound[++i] ?? '');
      continue;
    }
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (depth === 0 && '.#[:'.includes(ch) && cur && !(ch === ':' && cur === ':')) {
      parts.push(cur);
      cur = '';
    }
    if (!quote && (ch === '(' || ch === '[')) depth++;
    if (!quote && (ch === ')' || ch === ']')) depth--;
    cur += ch;
  }
  if (cur) parts.push(cur);
  return parts;
}

/**
 * Whether a compound selector stands for the document root or body (`html`, `body`, `:root`,
 * with or without qualifiers).
 * @param {string} compound
 */
function isDocumentCompound(compound) {
  const head = splitCompound(compound)[0]?.toLowerCase();
  return head === 'html' || head === 'body' || head === ':root';
}

/**
 * Rewrites one selector so it only matches inside `scope`.
 *
 * - `x` → `scope x`; `*` → `scope *`.
 * - `html`, `body`, `:root` (and chains of them) become the scope itself: `body > x` → `scope > x`.
 * - Host classes on them (`html.luigi-app-in-custom-container x`) are taken as true for the scope.
 *   The result keeps the selector's original weight (`scope:is(scope, html.luigi-app-in-custom-container)`)
 *   because Luigi relies on these rules beating later, plainer ones.
 * - Other qualifiers stay conditions on the real element: `body.lui-x y` → `scope:is(body.lui-x *) y`.
 *
 * @param {string} selector
 * @param {string} scope
 * @param {readonly string[]} [hostClasses]
 * @returns {{ selector: string, isScopeItself: boolean }} `isScopeItself`: the rule styles the
 *   wrapper element itself (not a descendant, not a pseudo-element).
 */
export function scopeSelector(selector, scope, hostClasses = DEFAULT_HOST_CLASSES) {
  let rest = selector.trim();
  const [first] = nextCompound(rest);
  if (!isDocumentCompound(first)) return { selector: `${scope} ${rest}`, isScopeItself: false };

  const conditions = [];
  const weighted = [];
  let pseudoElements = '';
  let combinator = '';
  while (rest) {
    const [compound, after] = nextCompound(rest);
    if (!isDocumentCompound(compound)) break;
    const [head, ...qualifiers] = splitCompound(compound);
    const isHost = q => q.startsWith('.') && hostClasses.includes(q.slice(1));
    const others = qualifiers.filter(q => !isHost(q) && !PSEUDO_ELEMENT.test(q));
    pseudoElements += qualifiers.filter(q => PSEUDO_ELEMENT.test(q)).join('');
    if (others.length) conditions.push(`:is(${head}${others.join('')} *)`);
    else if (qualifiers.some(isHost)) weighted.push(compound);
    [combinator, rest] = readCombinator(after);
  }
  const weight = weighted.length ? `:is(${scope}, ${weighted.join(', ')})` : '';
  let out = `${scope}${weight}${conditions.join('')}${pseudoElements}`;
  if (rest) out += combinator ? ` ${combinator} ${rest}` : ` ${rest}`;
  return { selector: out, isScopeItself: !rest && !pseudoElements };
}

/**
 * Class names a selector requires (outside `:not()` and attribute selectors).
 * @param {string} selector
 * @returns {string[]}
 */
export function requiredClasses(selector) {
  let s = selector.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
  // Drop :not(...) with nested parentheses, then attribute selectors (they can contain dots).
  for (let i = s.search(/:not\(/i); i !== -1; i = s.search(/:not\(/i)) {
    let depth = 0;
    let j = i + 4;
    for (; j < s.length; j++) {
      if (s[j] === '(') depth++;
      else if (s[j] === ')' && --depth === 0) break;
    }
    s = s.slice(0, i) + s.slice(j + 1);
  }
  s = s.replace(/\[[^\]]*\]/g, '');
  return [...s.matchAll(/\.((?:[\w-]|\\.)+)/g)].map(m => m[1].replace(/\\(.)/g, '$1'));
}

/**
 * Builds a `keepSelector` that keeps a selector only if it requires at least one class and every
 * class it requires is allowed. With `['fd-bar', 'fd-button']`, `.fd-bar .fd-button:hover` is kept;
 * `.fd-shellbar .fd-button` and `.fd-button--positive` (variants Luigi never renders) are not.
 *
 * @param {Iterable<string | RegExp>} allowed exact class names, or patterns for families of them
 * @returns {(selector: string) => boolean}
 */
export function keepClasses(allowed) {
  const names = new Set();
  const patterns = [];
  for (const entry of allowed) {
    if (entry instanceof RegExp) patterns.push(entry);
    else names.add(entry);
  }
  const isAllowed = cls => names.has(cls) || patterns.some(p => p.test(cls));
  return selector => {
    const classes = requiredClasses(selector);
    return classes.length > 0 && classes.every(isAllowed);
  };
}

/**
 * Custom property names a CSS value reads through `var()`.
 * @param {string} value
 * @returns {string[]}
 */
export function varReferences(value) {
  return [...value.matchAll(/var\(\s*(--[\w-]+)/g)].map(m => m[1]);
}

/**
 * Custom property names read by any declaration in `cssText`.
 * @param {string} cssText
 * @returns {Set<string>}
 */
export function collectVarReferences(cssText) {
  const names = new Set();
  postcss.parse(cssText).walkDecls(decl => varReferences(decl.value).forEach(n => names.add(n)));
  return names;
}

/** @param {import('postcss').Node} node */
function inKeyframes(node) {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'atrule' && KEYFRAMES.test(p.name)) return true;
  }
  return false;
}

/** A rule that only defines things for the whole document: `:root{--x:..}`, `html{..}`. */
function isDocumentRule(rule) {
  return rule.selectors.every(s => /^(html|body|:root)$/i.test(s.trim()));
}

/** Removes rules without declarations and at-rules without content, innermost first. */
function removeEmpty(root) {
  root.walk(node => {
    if (node.type === 'comment') node.remove();
  });
  let changed = true;
  while (changed) {
    changed = false;
    root.walk(node => {
      const empty =
        (node.type === 'rule' && !node.nodes.some(n => n.type === 'decl')) ||
        (node.type === 'atrule' && node.nodes !== undefined && node.nodes.length === 0);
      if (empty) {
        node.remove();
        changed = true;
      }
    });
  }
}

/**
 * Keeps rules whose selectors pass `keepSelector`, plus the document-level custom property
 * definitions and @keyframes those rules (and `extraVarUses`) actually use.
 */
function filterRules(root, keepSelector, extraVarUses) {
  const definitions = new Map();
  const documentRules = [];
  root.walkRules(rule => {
    if (inKeyframes(rule)) return;
    if (isDocumentRule(rule)) {
      documentRules.push(rule);
      rule.each(node => {
        if (node.type !== 'decl') return;
        if (!node.prop.startsWith('--')) node.remove();
        else definitions.set(node.prop, [...(definitions.get(node.prop) ?? []), node.value]);
      });
      return;
    }
    const kept = rule.selectors.filter(s => keepSelector(s));
    if (kept.length === 0) rule.remove();
    else if (kept.length !== rule.selectors.length) rule.selectors = kept;
  });

  // Variables used by kept rules, then whatever those variables' own values use.
  const used = new Set(extraVarUses);
  const animations = new Set();
  root.walkDecls(decl => {
    if (documentRules.includes(decl.parent) || inKeyframes(decl)) return;
    varReferences(decl.value).forEach(n => used.add(n));
    if (/^(-[a-z]+-)?animation(-name)?$/i.test(decl.prop)) {
      decl.value.split(/[\s,]+/).forEach(token => animations.add(token));
    }
  });
  const queue = [...used];
  while (queue.length) {
    for (const value of definitions.get(queue.pop()) ?? []) {
      for (const ref of varReferences(value)) {
        if (!used.has(ref)) {
          used.add(ref);
          queue.push(ref);
        }
      }
    }
  }
  for (const rule of documentRules) {
    rule.each(decl => {
      if (decl.type === 'decl' && !used.has(decl.prop)) decl.remove();
    });
  }
  root.walkAtRules(KEYFRAMES, atRule => {
    if (!animations.has(atRule.params.trim())) atRule.remove();
  });
}

/**
 * @typedef {object} ScopeCssOptions
 * @property {string} [scope] Selector of the wrapper; defaults to `[data-luigi-plugin-host]`.
 * @property {(selector: string) => boolean} [keepSelector] When given, only rules with a selector
 *   passing it are kept (each selector list is trimmed to the passing ones), and of the
 *   document-level rules (`:root`, `html`, `body`) only the custom properties that kept rules use,
 *   directly or through other variables; unused @keyframes go too. Without it every rule is kept.
 * @property {Iterable<string>} [extraVarUses] With `keepSelector`: custom properties to keep as
 *   used anyway (e.g. the ones another, separately scoped sheet reads).
 * @property {readonly string[]} [hostClasses] Classes on `<html>`/`<body>` that the wrapper is
 *   taken to have; defaults to Luigi's `luigi-app-in-custom-container`.
 */

/**
 * Rewrites `cssText` so every rule applies only inside the scope element.
 *
 * Also removes what cannot work from a bundled string or would leak out: @font-face, @import,
 * @charset, declarations referencing `url(` (fonts, images; icons degrade to nothing), comments,
 * and Svelte `:global(...)` leftovers (invalid selectors, dead in browsers already). @keyframes are
 * kept as they are; @media/@supports contents are scoped like top-level rules.
 *
 * @param {string} cssText
 * @param {ScopeCssOptions} [options]
 * @returns {string} the scoped CSS
 */
export function scopeCss(cssText, options = {}) {
  const { scope = DEFAULT_SCOPE, keepSelector, extraVarUses = [], hostClasses = DEFAULT_HOST_CLASSES } = options;
  const root = postcss.parse(cssText);

  root.walkAtRules(atRule => {
    if (DROPPED_AT_RULES.has(atRule.name.toLowerCase())) atRule.remove();
  });
  root.walkDecls(decl => {
    if (/url\(/i.test(decl.value)) decl.remove();
  });
  // Browsers drop a whole rule when one selector in its list is invalid; keep it that way.
  root.walkRules(rule => {
    if (rule.selector.includes(':global(')) rule.remove();
  });
  if (keepSelector) filterRules(root, keepSelector, extraVarUses);

  root.walkRules(rule => {
    if (inKeyframes(rule)) return;
    const scoped = rule.selectors.map(s => scopeSelector(s, scope, hostClasses));
    const onScope = scoped.filter(s => s.isScopeItself).map(s => s.selector);
    const inside = scoped.filter(s => !s.isScopeItself).map(s => s.selector);
    if (onScope.length === 0 || !rule.nodes.some(n => n.type === 'decl' && isHarmfulOnHost(n))) {
      rule.selectors = scoped.map(s => s.selector);
      return;
    }
    // The wrapper gets the rule without the page-level layout declarations; descendants keep all.
    const forScope = rule.clone({ selectors: onScope });
    forScope.each(n => {
      if (n.type === 'decl' && isHarmfulOnHost(n)) n.remove();
    });
    rule.before(forScope);
    if (inside.length) rule.selectors = inside;
    else rule.remove();
  });

  removeEmpty(root);
  return root.toString();
}

/**
 * Removes from `cssText` every rule that also occurs, identically and in the same at-rule context,
 * in `otherCssText`. luigi.css embeds all of luigi_core.css; this keeps the two from doubling up.
 *
 * @param {string} cssText
 * @param {string} otherCssText
 * @returns {string}
 */
export function subtractRules(cssText, otherCssText) {
  const key = rule => {
    let context = '';
    for (let p = rule.parent; p && p.type === 'atrule'; p = p.parent) context = `@${p.name} ${p.params}{${context}`;
    return context + rule.toString();
  };
  const known = new Set();
  postcss.parse(otherCssText).walkRules(rule => {
    known.add(key(rule));
  });
  const root = postcss.parse(cssText);
  root.walkRules(rule => {
    if (!inKeyframes(rule) && known.has(key(rule))) rule.remove();
  });
  removeEmpty(root);
  return root.toString();
}
