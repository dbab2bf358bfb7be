import { plainText } from './displayText';
import { readJsonAnnotation } from './jsonAnnotation';

/**
 * Optional: an OpenMFP content configuration (`content-configuration.json`) for the entity's micro
 * app, as JSON, inline or read with Backstage's `$text` placeholder. Its one node becomes the app's
 * node settings (see {@link contentConfigurationToNodeSettings}); an entity carries this or
 * `luigi-project.io/node-settings`, not both.
 * @public
 */
export const LUIGI_CONTENT_CONFIGURATION_ANNOTATION = 'luigi-project.io/content-configuration';

/** Longest content configuration read, in characters. @public */
export const MAX_CONTENT_CONFIGURATION_LENGTH = 65_536;

/** The result of {@link contentConfigurationToNodeSettings}: unchecked node settings, or why not. @public */
export type ContentConfigurationConversion = { ok: true; nodeSettings: Record<string, unknown> } | { ok: false; reason: string };

const TOP_KEYS = new Set(['name', 'creationTimestamp', 'url', 'luigiConfigFragment']);
const DATA_KEYS = new Set(['nodes', 'nodeDefaults', 'texts']);
/** `luigiConfigFragment.data` keys of OpenMFP's portal that have no counterpart here. */
const REFUSED_DATA_KEYS: Record<string, string> = {
  targetAppConfig: "intent-based navigation (sap.integration) is OpenMFP's portal's",
  viewGroup: 'view group preloading is not supported',
  userSettings: 'Luigi user settings are not supported; Backstage has its own settings page',
};
/**
 * OpenMFP's keys for where its portal places a node: here the entity is where the node goes and the
 * portal draws the navigation, so they are dropped. Keys that decide visibility (`visibleForContext`,
 * …) are not among them: they are refused, never ignored.
 */
const PLACEMENT_KEYS = new Set(['entityType', 'order', 'dxpOrder', 'testId']);

class ConversionError extends Error {}

function fail(where: string, reason: string): never {
  throw new ConversionError(`${where}: ${reason}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The dictionary OpenMFP uses when no language matches: the entry without a locale, else `en`. */
function defaultDictionary(texts: unknown): Record<string, string> {
  if (texts === undefined) return {};
  if (!Array.isArray(texts)) fail('luigiConfigFragment.data.texts', 'must be a list of { locale, textDictionary }');
  const entries = texts.map((entry, index) => {
    const where = `luigiConfigFragment.data.texts[${index}]`;
    if (!isPlainObject(entry) || !isPlainObject(entry.textDictionary)) fail(where, 'needs a textDictionary object');
    return { locale: typeof entry.locale === 'string' ? entry.locale : '', dictionary: entry.textDictionary };
  });
  const chosen = entries.find(entry => entry.locale === '') ?? entries.find(entry => entry.locale.startsWith('en')) ?? entries[0];
  const dictionary: Record<string, string> = {};
  for (const [key, value] of Object.entries(chosen?.dictionary ?? {})) {
    if (typeof value === 'string') dictionary[key] = value;
  }
  return dictionary;
}

/** Replaces `{{key}}` in every string of a value, as OpenMFP does, but per string: a text cannot break the JSON. */
function translate(value: unknown, dictionary: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{([^{}]+)\}\}/g, (whole, key: string) => (Object.prototype.hasOwnProperty.call(dictionary, key) ? dictionary[key] : whole));
  }
  if (Array.isArray(value)) return value.map(entry => translate(entry, dictionary));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, translate(entry, dictionary)]));
  }
  return value;
}

/** `url` as given, else OpenMFP's `scheme://host[:port]` of the configuration plus `urlSuffix`. */
function nodeUrl(node: Record<string, unknown>, base: string | undefined, where: string): string | undefined {
  if (node.url !== undefined && node.urlSuffix !== undefined) fail(where, 'has both url and urlSuffix');
  if (node.url !== undefined) {
    if (typeof node.url !== 'string') fail(`${where}.url`, 'must be a URL');
    return node.url;
  }
  if (node.urlSuffix === undefined) return undefined;
  if (typeof node.urlSuffix !== 'string' || !node.urlSuffix.startsWith('/')) fail(`${where}.urlSuffix`, 'must be a path starting with /');
  if (!base) fail(`${where}.urlSuffix`, 'needs the configuration\u2019s url or the entity\u2019s luigi-project.io/view-url as its base');
  return base + node.urlSuffix;
}

function convertNode(
  raw: unknown,
  defaults: Record<string, unknown>,
  base: string | undefined,
  where: string,
  child = false,
): Record<string, unknown> {
  if (!isPlainObject(raw)) fail(where, 'must be an object');
  const merged = { ...defaults, ...raw };
  const node: Record<string, unknown> = {};
  const url = nodeUrl(merged, base, where);
  if (url !== undefined) node.viewUrl = url;
  else if (child) fail(where, 'needs url or urlSuffix');
  for (const [key, value] of Object.entries(merged)) {
    if (PLACEMENT_KEYS.has(key) || key === 'url' || key === 'urlSuffix') continue;
    // OpenMFP's nodeDefaults often say `isolateView: false`, Luigi's default; `true` is checked (and refused) below.
    if (key === 'isolateView' && value === false) continue;
    if (key === 'children') {
      if (!Array.isArray(value)) fail(`${where}.children`, 'must be a list of nodes');
      node.children = value.map((entry, index) => convertNode(entry, defaults, base, `${where}.children[${index}]`, true));
    } else if (key === 'category' && isPlainObject(value)) {
      // OpenMFP's category object; the portal groups children by its label.
      node.category = value.label;
    } else {
      node[key] = value;
    }
  }
  return node;
}

/**
 * Converts an OpenMFP content configuration (its `luigiConfigFragment.data`) to this plugin's node
 * settings, for {@link checkNodeSettings}' rules to check next:
 * - exactly one node, the entity's micro app; its `pathSegment` and `label` come from the entity, and
 *   its `url` (or `urlSuffix`) must be the entity's `luigi-project.io/view-url`;
 * - `url` is used as given, `urlSuffix` is appended to `scheme://host[:port]` of the configuration's
 *   `url` (else of the view URL), as OpenMFP's portal does; `nodeDefaults` apply under every node;
 * - `{{key}}` placeholders take the dictionary in `texts` without a locale (else `en`);
 * - OpenMFP's placement keys (`entityType`, `order`, `dxpOrder`, `testId`) and `isolateView: false` are dropped, and a
 *   category object becomes its label; every other key is checked as a node setting.
 * Pure.
 * @param viewUrl - the entity's `luigi-project.io/view-url`, if it has one
 * @public
 */
export function contentConfigurationToNodeSettings(raw: unknown, viewUrl: string | undefined): ContentConfigurationConversion {
  const read = readJsonAnnotation(raw, 'the content configuration is', MAX_CONTENT_CONFIGURATION_LENGTH);
  if (!read.ok) return read;
  const parsed = read.value;
  try {
    if (!isPlainObject(parsed)) fail('content configuration', 'must be an object');
    for (const key of Object.keys(parsed)) {
      if (!TOP_KEYS.has(key)) fail(plainText(key), 'is not a content configuration key');
    }
    const fragment = parsed.luigiConfigFragment;
    if (!isPlainObject(fragment) || !isPlainObject(fragment.data)) fail('luigiConfigFragment', 'needs data');
    const data = fragment.data;
    for (const key of Object.keys(data)) {
      const at = `luigiConfigFragment.data.${plainText(key)}`;
      if (key in REFUSED_DATA_KEYS) fail(at, `is not supported: ${REFUSED_DATA_KEYS[key]}`);
      if (!DATA_KEYS.has(key)) fail(at, 'is not a content configuration key');
    }
    const translated = translate(data, defaultDictionary(data.texts)) as Record<string, unknown>;
    const nodes = translated.nodes;
    if (!Array.isArray(nodes) || nodes.length !== 1) {
      fail('luigiConfigFragment.data.nodes', 'must hold exactly one node, the entity\u2019s micro app (register one entity per app)');
    }
    const defaults = translated.nodeDefaults ?? {};
    if (!isPlainObject(defaults)) fail('luigiConfigFragment.data.nodeDefaults', 'must be an object');

    if (parsed.url !== undefined && (typeof parsed.url !== 'string' || !originOf(parsed.url))) fail('url', 'must be a URL');
    const base = originOf(parsed.url as string | undefined) ?? originOf(viewUrl);
    const top = convertNode(nodes[0], defaults, base, 'luigiConfigFragment.data.nodes[0]');
    if (top.viewUrl !== undefined && hrefOf(top.viewUrl) !== hrefOf(viewUrl)) {
      fail('luigiConfigFragment.data.nodes[0]', `its URL ${plainText(String(top.viewUrl))} is not the entity's luigi-project.io/view-url`);
    }
    delete top.viewUrl;
    delete top.pathSegment;
    delete top.label;
    return { ok: true, nodeSettings: top };
  } catch (error) {
    if (error instanceof ConversionError) return { ok: false, reason: `content configuration: ${error.message}` };
    throw error;
  }
}

function hrefOf(url: unknown): string | undefined {
  try {
    return typeof url === 'string' ? new URL(url).href : undefined;
  } catch {
    return undefined;
  }
}

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
