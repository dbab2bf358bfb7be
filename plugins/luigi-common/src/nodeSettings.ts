import { plainText } from './displayText';
import { readJsonAnnotation } from './jsonAnnotation';
import { checkViewUrl } from './viewUrl';

/**
 * Optional: Luigi node settings for the entity's micro app, as JSON: the keys of a node in a Luigi
 * shell's `navigation.nodes` that this plugin supports (see {@link NodeSettings}), e.g.
 * `{"loadingIndicator": {"enabled": false}}` for a view without the Luigi client. Checked when the
 * entity is ingested and when navigation is built; a setting that is not supported or not allowed
 * hides the app with the reason.
 * @public
 */
export const LUIGI_NODE_SETTINGS_ANNOTATION = 'luigi-project.io/node-settings';

/**
 * Which Luigi client permissions the admin lets entities grant their micro apps
 * (`luigi.clientPermissions`). Luigi refuses both unless a node grants them.
 * @public
 */
export interface ClientPermissionLimits {
  /** Search parameters (`addCoreSearchParams`, `getCoreSearchParams`) micro apps may be granted; `*` for any. */
  urlParameters: readonly string[];
  /** Whether micro apps may be granted `changeCurrentLocale` (`uxManager().setCurrentLocale`). */
  changeCurrentLocale: boolean;
}

/** No client permission may be granted: Luigi's own default. @public */
export const NO_CLIENT_PERMISSIONS: ClientPermissionLimits = Object.freeze({ urlParameters: [], changeCurrentLocale: false });

/** The client permissions of a node, in Luigi's shape. @public */
export interface NodeClientPermissions {
  urlParameters?: Record<string, { read?: boolean; write?: boolean }>;
  changeCurrentLocale?: boolean;
}

/**
 * The Luigi node settings an entity may give its micro app, and each child node. Plain data only:
 * nothing that runs code in the portal page (functions, web components, external scripts) exists here.
 * @public
 */
export interface NodeSettings {
  /** `{ enabled: false }` for a view that does not use the Luigi client: no handshake is awaited. */
  loadingIndicator?: { enabled?: boolean; hideAutomatically?: boolean };
  /** Frames of one view group (same origin) are reused between the nodes sharing it. */
  viewGroup?: string;
  clientPermissions?: NodeClientPermissions;
  /** Opens the node as a modal over the page instead of in it. */
  openNodeInModal?: boolean | { title?: string; size?: 'fullscreen' | 'l' | 'm' | 's' };
  /** Extra context (JSON) the micro app receives beside the plugin's own keys. */
  context?: Record<string, unknown>;
  /** A Luigi (SAP) icon name, e.g. `home`. */
  icon?: string;
  hideFromNav?: boolean;
  /**
   * A name for this node that `linkManager().fromContext(name)` and `fromClosestContext()` navigate
   * from, as in Luigi; relative paths then stay under the node.
   */
  navigationContext?: string;
  /** Deeper paths belong to the micro app's own routing. Defaults to true for a node without children. */
  virtualTree?: boolean;
  children?: NodeSettingsChild[];
}

/** A child node: a path under its parent's, with a view URL checked like `luigi-project.io/view-url`. @public */
export interface NodeSettingsChild extends NodeSettings {
  pathSegment: string;
  label: string;
  viewUrl: string;
  category?: string;
}

/** The result of {@link checkNodeSettings}. @public */
export type NodeSettingsCheck = { ok: true; settings: NodeSettings } | { ok: false; reason: string };

/** Longest annotation value read, in characters. */
export const MAX_NODE_SETTINGS_LENGTH = 16_384;
const MAX_CONTEXT_LENGTH = 4_096;
const MAX_NODES = 100;
const MAX_DEPTH = 5;
// A path segment, or a Luigi dynamic one (`:id`): never a slash, so a child stays under its parent.
const PATH_SEGMENT = /^:?[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MODAL_SIZES = new Set(['fullscreen', 'l', 'm', 's']);
/** Context keys the plugin sets itself; a registration cannot replace them. */
const RESERVED_CONTEXT_KEYS = new Set(['entity', 'tenant', 'token', 'tokenExpiresAt', 'tokenStatus', 'user', 'theme', 'locale']);

/** Luigi node keys refused with the reason: each would run code in, or leave, the portal page. */
const REFUSED_KEYS: Record<string, string> = {
  webcomponent: 'web-component nodes run their script in the portal page',
  externalLink: 'external links leave the portal; list them in the entity\u2019s links',
  onNodeActivation: 'functions cannot be registered',
  pageErrorHandler: 'the portal handles a view that does not load',
  viewGroupSettings: 'view group preloading is not supported',
  intendToHaveEmptyViewUrl: 'every node needs a view URL',
  decodeViewUrl: 'view URLs are used as registered',
  isolateView: 'frames are isolated per micro app already',
  keepSelectedForChildren: 'the portal draws the navigation',
};

const NODE_KEYS = new Set([
  'loadingIndicator',
  'viewGroup',
  'clientPermissions',
  'openNodeInModal',
  'context',
  'icon',
  'hideFromNav',
  'virtualTree',
  'children',
  'navigationContext',
]);
const CHILD_KEYS = new Set([...NODE_KEYS, 'pathSegment', 'label', 'viewUrl', 'category']);

class SettingsError extends Error {}

function fail(where: string, reason: string): never {
  throw new SettingsError(where ? `${where}: ${reason}` : reason);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function boolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') fail(where, 'must be true or false');
  return value;
}

function name(value: unknown, where: string): string {
  if (typeof value !== 'string' || !NAME.test(value)) fail(where, 'must be a name of letters, digits, dots, dashes and underscores');
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(where, 'must be a non-empty text');
  return plainText(value.trim());
}

function checkLoadingIndicator(value: unknown, where: string): NodeSettings['loadingIndicator'] {
  if (!isPlainObject(value)) fail(where, 'must be an object');
  const result: NonNullable<NodeSettings['loadingIndicator']> = {};
  for (const [key, option] of Object.entries(value)) {
    if (key !== 'enabled' && key !== 'hideAutomatically') fail(`${where}.${key}`, 'is not a loading indicator setting');
    result[key] = boolean(option, `${where}.${key}`);
  }
  return result;
}

function checkClientPermissions(value: unknown, where: string, limits: ClientPermissionLimits): NodeClientPermissions {
  if (!isPlainObject(value)) fail(where, 'must be an object');
  const result: NodeClientPermissions = {};
  for (const [key, option] of Object.entries(value)) {
    if (key === 'changeCurrentLocale') {
      result.changeCurrentLocale = boolean(option, `${where}.${key}`);
      if (result.changeCurrentLocale && !limits.changeCurrentLocale) {
        fail(`${where}.${key}`, 'is not allowed by luigi.clientPermissions.changeCurrentLocale');
      }
    } else if (key === 'urlParameters') {
      if (!isPlainObject(option)) fail(`${where}.${key}`, 'must be an object of parameter names');
      const parameters: NonNullable<NodeClientPermissions['urlParameters']> = {};
      for (const [parameter, access] of Object.entries(option)) {
        const at = `${where}.urlParameters.${plainText(parameter)}`;
        name(parameter, at);
        if (!limits.urlParameters.includes('*') && !limits.urlParameters.includes(parameter)) {
          fail(at, 'is not in luigi.clientPermissions.urlParameters');
        }
        if (!isPlainObject(access)) fail(at, 'must be an object with read and write');
        const grant: { read?: boolean; write?: boolean } = {};
        for (const [mode, flag] of Object.entries(access)) {
          if (mode !== 'read' && mode !== 'write') fail(`${at}.${plainText(mode)}`, 'must be read or write');
          grant[mode] = boolean(flag, `${at}.${mode}`);
        }
        parameters[parameter] = grant;
      }
      result.urlParameters = parameters;
    } else {
      fail(`${where}.${plainText(key)}`, 'is not a Luigi client permission');
    }
  }
  return result;
}

function checkModal(value: unknown, where: string): NodeSettings['openNodeInModal'] {
  if (typeof value === 'boolean') return value;
  if (!isPlainObject(value)) fail(where, 'must be true, false or an object with title and size');
  const result: { title?: string; size?: 'fullscreen' | 'l' | 'm' | 's' } = {};
  for (const [key, option] of Object.entries(value)) {
    if (key === 'title') result.title = text(option, `${where}.title`);
    else if (key === 'size') {
      if (typeof option !== 'string' || !MODAL_SIZES.has(option)) fail(`${where}.size`, 'must be fullscreen, l, m or s');
      result.size = option as 'fullscreen' | 'l' | 'm' | 's';
    } else fail(`${where}.${plainText(key)}`, 'is not a modal setting');
  }
  return result;
}

function checkContext(value: unknown, where: string): Record<string, unknown> {
  if (!isPlainObject(value)) fail(where, 'must be an object');
  for (const key of Object.keys(value)) {
    if (RESERVED_CONTEXT_KEYS.has(key)) fail(`${where}.${key}`, 'is set by the portal');
  }
  if (JSON.stringify(value).length > MAX_CONTEXT_LENGTH) fail(where, `is longer than ${MAX_CONTEXT_LENGTH} characters`);
  return value;
}

/** What {@link checkNodeSettings} checks against. @public */
export interface NodeSettingsRules {
  /** Normalised origins from `luigi.allowedOrigins`. */
  allowedOrigins: ReadonlySet<string>;
  /** The admin's `luigi.clientPermissions`; default none. */
  clientPermissions?: ClientPermissionLimits;
  /**
   * The micro app's own view URL: child views must be at its origin, so the entity's token stays at
   * one origin. Without it (the view URL is itself refused) only the allowlist applies.
   */
  viewUrl?: string;
}

interface Walk {
  allowedOrigins: ReadonlySet<string>;
  limits: ClientPermissionLimits;
  origin?: string;
  nodes: number;
}

function checkNode(raw: unknown, where: string, depth: number, walk: Walk, child: boolean): NodeSettingsChild | NodeSettings {
  if (!isPlainObject(raw)) fail(where, 'must be an object');
  walk.nodes += 1;
  if (walk.nodes > MAX_NODES) fail('', `more than ${MAX_NODES} nodes`);
  const node: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const at = where ? `${where}.${plainText(key)}` : plainText(key);
    if (key in REFUSED_KEYS) fail(at, `is not supported: ${REFUSED_KEYS[key]}`);
    if (!child && key === 'openNodeInModal') fail(at, 'the micro app itself is the page; open a child in a modal');
    if (!(child ? CHILD_KEYS : NODE_KEYS).has(key)) {
      fail(at, child || !CHILD_KEYS.has(key) ? 'is not a supported node setting' : 'comes from the entity (its path, title and view URL)');
    }
    switch (key) {
      case 'loadingIndicator':
        node.loadingIndicator = checkLoadingIndicator(value, at);
        break;
      case 'viewGroup':
        node.viewGroup = name(value, at);
        break;
      case 'clientPermissions':
        node.clientPermissions = checkClientPermissions(value, at, walk.limits);
        break;
      case 'openNodeInModal':
        node.openNodeInModal = checkModal(value, at);
        break;
      case 'context':
        node.context = checkContext(value, at);
        break;
      case 'icon':
      case 'navigationContext':
        node[key] = name(value, at);
        break;
      case 'hideFromNav':
      case 'virtualTree':
        node[key] = boolean(value, at);
        break;
      case 'children':
        node.children = checkChildren(value, at, depth + 1, walk);
        break;
      case 'pathSegment':
        if (typeof value !== 'string' || !PATH_SEGMENT.test(value)) {
          fail(at, 'must be one path segment (letters, digits, . _ ~ -, or :name), without a slash');
        }
        node.pathSegment = value;
        break;
      case 'label':
      case 'category':
        node[key] = text(value, at);
        break;
      case 'viewUrl': {
        const check = checkViewUrl(value, walk.allowedOrigins);
        if (!check.ok) fail(at, check.reason);
        if (walk.origin && new URL(check.url).origin !== walk.origin) {
          fail(at, `must be at the micro app's origin ${walk.origin}`);
        }
        node.viewUrl = check.url;
        break;
      }
      default:
        fail(at, 'is not a supported node setting');
    }
  }
  if (child) {
    for (const required of ['pathSegment', 'label', 'viewUrl']) {
      if (!(required in node)) fail(where, `needs ${required}`);
    }
  }
  if (node.children && node.virtualTree === true) fail(where || 'virtualTree', 'a node with children cannot be a virtual tree');
  return node as unknown as NodeSettings;
}

function checkChildren(value: unknown, where: string, depth: number, walk: Walk): NodeSettingsChild[] {
  if (!Array.isArray(value)) fail(where, 'must be a list of nodes');
  if (depth > MAX_DEPTH) fail(where, `nodes nest deeper than ${MAX_DEPTH} levels`);
  const segments = new Set<string>();
  return value.map((entry, index) => {
    const childNode = checkNode(entry, `${where}[${index}]`, depth, walk, true) as NodeSettingsChild;
    if (segments.has(childNode.pathSegment)) fail(`${where}[${index}].pathSegment`, `${childNode.pathSegment} is used twice`);
    segments.add(childNode.pathSegment);
    return childNode;
  });
}

/**
 * Checks `luigi-project.io/node-settings` (JSON text): only the supported keys, each of the right
 * shape, every child's view URL passing {@link checkViewUrl}, every child path one segment under its
 * parent's and at the micro app's origin, and client permissions within the admin's limits. Returns the settings, or the first problem with
 * where it is (`children[0].viewUrl: …`). An absent annotation is no settings. Pure.
 * @public
 */
export function checkNodeSettings(raw: unknown, rules: NodeSettingsRules): NodeSettingsCheck {
  if (raw === undefined) return { ok: true, settings: {} };
  const read = readJsonAnnotation(raw, 'the node settings are', MAX_NODE_SETTINGS_LENGTH);
  if (!read.ok) return read;
  const check = checkParsedNodeSettings(read.value, rules);
  return check.ok ? check : { ok: false, reason: `node settings: ${check.reason}` };
}

/**
 * {@link checkNodeSettings} on settings already parsed (e.g. converted from an OpenMFP content
 * configuration); a reason says where, without the `node settings:` prefix. Pure.
 */
export function checkParsedNodeSettings(parsed: unknown, rules: NodeSettingsRules): NodeSettingsCheck {
  try {
    const walk: Walk = {
      allowedOrigins: rules.allowedOrigins,
      limits: rules.clientPermissions ?? NO_CLIENT_PERMISSIONS,
      origin: rules.viewUrl ? new URL(rules.viewUrl).origin : undefined,
      nodes: 0,
    };
    const settings = checkNode(parsed, '', 1, walk, false);
    return { ok: true, settings };
  } catch (error) {
    if (error instanceof SettingsError) return { ok: false, reason: error.message };
    throw error;
  }
}

/**
 * Reads `luigi.clientPermissions` (the admin's limits); anything not given grants nothing.
 * @public
 */
export function normalizeClientPermissionLimits(raw: { urlParameters?: readonly string[]; changeCurrentLocale?: boolean } | undefined): ClientPermissionLimits {
  return {
    urlParameters: (raw?.urlParameters ?? []).filter(entry => entry === '*' || NAME.test(entry)),
    changeCurrentLocale: raw?.changeCurrentLocale === true,
  };
}
