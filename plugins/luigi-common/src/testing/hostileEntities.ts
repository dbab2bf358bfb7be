/**
 * A corpus of hostile catalog entities, shared by the tests of all three packages and by the dev
 * portal's lab tenant (`dev/catalog/lab-hostile.yaml` holds the cases the catalog accepts).
 *
 * Every case is a registration that must never become a frame: each names what it tests, the
 * annotation the rules find the problem in, and a part of the reason users are shown. Test data
 * only: nothing here is exported from the package's entry point, so it never reaches the published
 * types.
 */
import { LUIGI_CATEGORY_ANNOTATION, LUIGI_VIEWS_ANNOTATION, LUIGI_VIEW_URL_ANNOTATION } from '../annotations';
import { LUIGI_CONTENT_CONFIGURATION_ANNOTATION } from '../contentConfiguration';
import { LUIGI_NODE_SETTINGS_ANNOTATION } from '../nodeSettings';

/** The only origin the corpus is checked against: the dev portal's trusted sample app server. */
export const HOSTILE_ALLOWED_ORIGIN = 'http://localhost:7100';

/** The catalog namespace of the corpus: the dev portal's `lab` tenant. */
export const HOSTILE_NAMESPACE = 'lab';

/** What entity text carries to prove it never runs: an injected handler would set `window.__xss`. */
export const INJECTED_IMG = '<img src=x onerror=window.__xss=1>';

/** As {@link INJECTED_IMG}, as a script element. */
export const INJECTED_SCRIPT = '<script>window.__xss=2</script>';

/** As {@link INJECTED_IMG}, as an svg with an onload handler. */
export const INJECTED_SVG = '<svg onload=window.__xss=3></svg>';

/** As {@link INJECTED_SCRIPT}, without "=" (a views label ends at the first one). */
export const LABEL_SCRIPT = '<script>Object.assign(window,{__xss:4})</script>';

/** Length of the corpus' huge texts, in characters: far beyond any real title, small enough for the dev catalog. */
export const HUGE = 20_000;

/**
 * An entity as the catalog API may hand it to the plugin, typed loosely on purpose: some cases carry
 * values of the wrong type.
 */
export interface HostileEntity {
  apiVersion: string;
  kind?: unknown;
  metadata: { name?: unknown; namespace?: string; title?: unknown; description?: unknown; annotations?: Record<string, unknown> } & Record<string, unknown>;
  spec?: Record<string, unknown>;
}

/** One hostile registration. */
export interface HostileCase {
  /** The case's id; the entity's `metadata.name` unless the case is about the name. */
  name: string;
  /** What the case tests, in a few words. */
  tests: string;
  entity: HostileEntity;
  /**
   * The annotation the registration rules (`checkRegistration`) find the problem in; undefined when
   * the problem is the entity itself (malformed, or listed twice), which only the frontend can see.
   */
  annotation?: string;
  /** A part of the reason the rules give, as both halves show it. */
  reason: string;
  /**
   * Whether Backstage's catalog accepts the entity (its schema wants strings, unique refs): those
   * are in the dev portal's lab catalog; the others reach the plugin only from a broken catalog API.
   */
  catalog: boolean;
}

const OWNER = 'group:default/platform-admins';

function component(
  name: string,
  annotations: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
  spec: Record<string, unknown> = {},
): HostileEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: HOSTILE_NAMESPACE, title: `Hostile ${name}`, annotations, ...metadata },
    spec: { type: 'website', lifecycle: 'experimental', owner: OWNER, system: 'lab-hostile', ...spec },
  };
}

type CaseOptions = Partial<Pick<HostileCase, 'catalog'>> & { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };

/** A case whose `luigi-project.io/view-url` is hostile. */
function viewUrlCase(name: string, tests: string, url: unknown, reason: string, options: CaseOptions = {}): HostileCase {
  return {
    name,
    tests,
    entity: component(name, { [LUIGI_VIEW_URL_ANNOTATION]: url }, options.metadata, options.spec),
    annotation: LUIGI_VIEW_URL_ANNOTATION,
    reason,
    catalog: options.catalog ?? true,
  };
}

/** A case with no view URL whose `luigi-project.io/views` is hostile. */
function viewsCase(name: string, tests: string, views: unknown, reason: string, options: CaseOptions = {}): HostileCase {
  return {
    name,
    tests,
    entity: component(name, { [LUIGI_VIEWS_ANNOTATION]: views }, options.metadata, options.spec),
    annotation: LUIGI_VIEWS_ANNOTATION,
    reason,
    catalog: options.catalog ?? true,
  };
}

const notIn = (origin: string) => `origin ${origin} is not in luigi.allowedOrigins`;
const NOT_ABSOLUTE = 'is not an absolute URL';
const HTTPS_ONLY = 'must use https: (http: is allowed only on loopback)';
const CREDENTIALS = 'view URLs must not contain credentials';
const INVISIBLE = 'the view URL must not contain whitespace or control characters';
const BACKSLASH = 'the view URL must not contain backslashes';
const ENCODED_HOST = 'the host of the view URL must not be percent-encoded';
const NON_ASCII_HOST = 'the host of the view URL must be ASCII';
const NOT_SCHEME_FORM = 'is not of the form https://host/…';

/** The view URL of the corpus' hostile text cases: refused, so only the text is under test. */
const REFUSED_URL = 'javascript:window.__xss=1';

/** Hostile view URLs, one rule each. */
const VIEW_URL_CASES: HostileCase[] = [
  viewUrlCase('js-scheme', 'javascript: URL', 'javascript:window.__xss=1', 'the javascript: scheme is not allowed'),
  viewUrlCase('js-scheme-case', 'javascript: URL in mixed case', 'JaVaScRiPt:window.__xss=1', 'the javascript: scheme is not allowed'),
  viewUrlCase('js-scheme-tab', 'javascript: URL split by a tab the URL parser drops', 'java\tscript:window.__xss=1', INVISIBLE),
  viewUrlCase('data-html', 'data: URL carrying HTML', `data:text/html,${INJECTED_IMG}`, INVISIBLE),
  viewUrlCase('data-base64', 'base64 data: URL', 'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==', 'the data: scheme is not allowed'),
  viewUrlCase('vbscript-scheme', 'vbscript: URL', 'vbscript:msgbox(1)', 'the vbscript: scheme is not allowed'),
  viewUrlCase('blob-scheme', 'blob: URL whose origin is the allowed one', `blob:${HOSTILE_ALLOWED_ORIGIN}/0f0c7c4e`, 'the blob: scheme is not allowed'),
  viewUrlCase('file-scheme', 'file: URL', 'file:///etc/passwd', 'the file: scheme is not allowed'),
  viewUrlCase('about-scheme', 'about: URL', 'about:blank', 'the about: scheme is not allowed'),
  viewUrlCase('relative-path', 'relative path', '/apps/canary/', NOT_ABSOLUTE),
  viewUrlCase('relative-dot', 'dot-relative path', './apps/canary/', NOT_ABSOLUTE),
  viewUrlCase('protocol-relative', 'protocol-relative URL', '//localhost:7100/apps/canary/', NOT_ABSOLUTE),
  viewUrlCase('other-origin', 'another loopback port', 'http://localhost:7200/recorder/', notIn('http://localhost:7200')),
  viewUrlCase('other-site', 'an https site outside the allowlist', 'https://evil.example.net/', notIn('https://evil.example.net')),
  viewUrlCase('plain-http-remote', 'plain http off loopback', 'http://evil.example.net/', HTTPS_ONLY),
  viewUrlCase('port-too-big', 'port 71000 (allowed port with a digit more)', 'http://localhost:71000/', NOT_ABSOLUTE),
  viewUrlCase('port-suffix-host', 'allowed host and port followed by a domain', 'http://localhost:7100.evil.com/', NOT_ABSOLUTE),
  viewUrlCase('host-suffix', 'allowed host with a suffix, plain http', 'http://localhost.evil:7100/', HTTPS_ONLY),
  viewUrlCase('host-suffix-https', 'allowed host with a suffix, https', 'https://localhost.evil:7100/', notIn('https://localhost.evil:7100')),
  viewUrlCase('ip-for-name', '127.0.0.1 while only localhost is allowed', 'http://127.0.0.1:7100/apps/canary/', notIn('http://127.0.0.1:7100')),
  viewUrlCase('ip-short', 'short IPv4 form of loopback', 'http://127.1:7100/apps/canary/', notIn('http://127.0.0.1:7100')),
  viewUrlCase('ip-hex', 'hexadecimal IPv4 form of loopback', 'http://0x7f000001:7100/apps/canary/', notIn('http://127.0.0.1:7100')),
  viewUrlCase('ipv6-loopback', 'IPv6 loopback while only localhost is allowed', 'http://[::1]:7100/apps/canary/', notIn('http://[::1]:7100')),
  viewUrlCase('trailing-dot', 'fully qualified localhost (trailing dot)', 'http://localhost.:7100/apps/canary/', HTTPS_ONLY),
  viewUrlCase('trailing-dot-https', 'fully qualified host (trailing dot), https', 'https://localhost.:7100/apps/canary/', notIn('https://localhost.:7100')),
  viewUrlCase('uppercase-lookalike', 'upper case host and port followed by a domain', 'HTTP://LOCALHOST:7100.EVIL.COM/', NOT_ABSOLUTE),
  viewUrlCase('backslash-userinfo', 'backslash before an @ (parsers disagree on the host)', 'http://localhost:7100\\@evil.com/', BACKSLASH),
  viewUrlCase('backslash-slashes', 'backslashes for slashes', 'http:\\\\localhost:7100\\apps\\canary\\', BACKSLASH),
  viewUrlCase('percent-host', 'percent-encoded letters in the host', 'http://%6c%6fcalhost:7100/apps/canary/', ENCODED_HOST),
  viewUrlCase('percent-colon', 'percent-encoded colon before the port', 'http://localhost%3A7100/apps/canary/', NOT_ABSOLUTE),
  viewUrlCase('userinfo-lookalike', 'allowed origin as userinfo of another host', 'http://localhost:7100@evil.com/', CREDENTIALS),
  viewUrlCase('userinfo-password', 'user and password on the allowed origin', 'http://user:pw@localhost:7100/apps/canary/', CREDENTIALS),
  viewUrlCase('userinfo-empty', 'empty userinfo (a bare @)', 'http://@localhost:7100/apps/canary/', CREDENTIALS),
  viewUrlCase('idn-homograph', 'Cyrillic о in localhost', 'http://lоcalhost:7100/apps/canary/', NON_ASCII_HOST),
  viewUrlCase('fullwidth-host', 'fullwidth ｌ that the URL parser maps to l', 'http://ｌocalhost:7100/apps/canary/', NON_ASCII_HOST),
  viewUrlCase('punycode-host', 'punycode of a homograph', 'http://xn--lcalhost-nbh:7100/apps/canary/', HTTPS_ONLY),
  viewUrlCase('missing-slashes', 'scheme without //', 'http:localhost:7100/apps/canary/', NOT_SCHEME_FORM),
  viewUrlCase('triple-slash', 'scheme with ///', 'http:///localhost:7100/apps/canary/', NOT_SCHEME_FORM),
  viewUrlCase('space-in-host', 'a space inside the host', 'http://local host:7100/', INVISIBLE),
  viewUrlCase('newline-in-host', 'a line break the URL parser drops', 'http://local\nhost:7100/apps/canary/', INVISIBLE),
  viewUrlCase('nul-in-path', 'a NUL character', 'http://localhost:7100/apps/canary/\u0000', INVISIBLE),
  viewUrlCase('zero-width-host', 'a zero-width space inside the host', 'http://local\u200bhost:7100/apps/canary/', INVISIBLE),
  viewUrlCase('rtl-in-path', 'a right-to-left override in the path', 'http://localhost:7100/apps/canary/\u202egnp.exe', INVISIBLE),
  viewUrlCase('empty', 'an empty value', '', 'the view URL annotation is empty'),
  viewUrlCase('blank', 'only spaces', '   ', 'the view URL annotation is empty'),
  viewUrlCase('huge-url', `a ${HUGE}-character relative URL`, `/${'a'.repeat(HUGE)}`, NOT_ABSOLUTE),
  viewUrlCase('html-url', 'markup as the URL', INJECTED_IMG, INVISIBLE),
  viewUrlCase('number-url', 'a number instead of a string', 7100, 'the view URL annotation is not a string', { catalog: false }),
  viewUrlCase('object-url', 'an object instead of a string', { url: 'http://localhost:7100/apps/canary/' }, 'the view URL annotation is not a string', { catalog: false }),
  viewUrlCase('array-url', 'a list instead of a string', ['http://localhost:7100/apps/canary/'], 'the view URL annotation is not a string', { catalog: false }),
];

/** Hostile text in every field an entity shows, each on a refused registration. */
const TEXT_CASES: HostileCase[] = [
  viewUrlCase('html-title', 'an img with a handler as the title', REFUSED_URL, 'the javascript: scheme is not allowed', {
    metadata: { title: `${INJECTED_IMG} Image title` },
  }),
  viewUrlCase('script-title', 'a script as the title', REFUSED_URL, 'the javascript: scheme is not allowed', {
    metadata: { title: `${INJECTED_SCRIPT} Script title` },
  }),
  viewUrlCase('html-description', 'markup as the description', REFUSED_URL, 'the javascript: scheme is not allowed', {
    metadata: { description: `${INJECTED_IMG}${INJECTED_SCRIPT}` },
  }),
  viewUrlCase('html-category', 'markup as the category', REFUSED_URL, 'the javascript: scheme is not allowed', {
    metadata: {
      annotations: { [LUIGI_VIEW_URL_ANNOTATION]: REFUSED_URL, [LUIGI_CATEGORY_ANNOTATION]: INJECTED_SVG },
    },
  }),
  viewUrlCase('html-owner', 'markup as the owner', REFUSED_URL, 'the javascript: scheme is not allowed', {
    spec: { owner: INJECTED_IMG },
  }),
  viewUrlCase('huge-title', `a ${HUGE}-character title without a break`, REFUSED_URL, 'the javascript: scheme is not allowed', {
    metadata: { title: 'W'.repeat(HUGE) },
  }),
  viewUrlCase('huge-description', `a ${HUGE}-character description`, REFUSED_URL, 'the javascript: scheme is not allowed', {
    metadata: { description: 'D'.repeat(HUGE) },
  }),
  viewUrlCase('control-title', 'control characters and terminal escapes in the title', REFUSED_URL, 'the javascript: scheme is not allowed', {
    metadata: { title: 'Ctrl\u0000\u0007\u001b[31mred\u001b[0m\u0008' },
  }),
  viewUrlCase('rtl-title', 'a right-to-left override in the title', REFUSED_URL, 'the javascript: scheme is not allowed', {
    metadata: { title: '\u202eexe.srotcelloc\u202c Orders' },
  }),
  viewUrlCase('number-title', 'a number as the title', REFUSED_URL, 'the javascript: scheme is not allowed', {
    metadata: { title: 42 },
    catalog: false,
  }),
];

/** Hostile entries of `luigi-project.io/views`, on entities without a view URL. */
const VIEWS_CASES: HostileCase[] = [
  viewsCase('views-js', 'a javascript: view', 'Pwn=javascript:window.__xss=1', 'the javascript: scheme is not allowed'),
  viewsCase('views-data', 'a data: view', `Data=data:text/html,${INJECTED_SCRIPT}`, 'the data: scheme is not allowed'),
  viewsCase('views-other-origin', 'a view on another origin', 'Other=http://localhost:7200/recorder/', notIn('http://localhost:7200')),
  viewsCase('views-lookalike', 'a view on a look-alike host', 'Alike=http://localhost:7100.evil.com/', NOT_ABSOLUTE),
  viewsCase('views-userinfo', 'a view with the allowed origin as userinfo', 'Creds=http://localhost:7100@evil.com/', CREDENTIALS),
  viewsCase('views-backslash', 'a view with a backslash', 'Slash=http://localhost:7100\\@evil.com/', BACKSLASH),
  viewsCase('views-relative', 'a relative view', 'Rel=/apps/canary/', NOT_ABSOLUTE),
  viewsCase('views-protocol-relative', 'a protocol-relative view', 'Proto=//localhost:7100/apps/canary/', NOT_ABSOLUTE),
  viewsCase('views-whitespace', 'a tab inside a view URL', 'Tab=http://local\thost:7100/apps/canary/', INVISIBLE),
  viewsCase('views-html-label', 'markup as a view label', `<b>Bold</b>${LABEL_SCRIPT}=http://localhost:7200/`, notIn('http://localhost:7200')),
  viewsCase('views-huge-label', `a ${HUGE}-character label`, `${'L'.repeat(HUGE)}=javascript:window.__xss=1`, 'the javascript: scheme is not allowed'),
  viewsCase('views-rtl-label', 'a right-to-left override in a label', '\u202eSrotcelloc=http://localhost:7200/', notIn('http://localhost:7200')),
  viewsCase('views-no-equals', 'an entry without "="', 'just some text', 'is not of the form Label=https://…'),
  viewsCase('views-no-label', 'an entry without a label', '=http://localhost:7100/apps/canary/', 'has no label before "="'),
  viewsCase('views-no-url', 'an entry without a URL', 'Empty=', 'has no URL after "="'),
  viewsCase('views-json', 'JSON instead of Label=URL lines', '[{"label":"A","url":"http://localhost:7100/apps/canary/"}]', 'is not of the form Label=https://…'),
  viewsCase('views-yaml-shape', 'a YAML mapping line instead of Label=URL', 'Settings: http://localhost:7100/apps/canary/', 'is not of the form Label=https://…'),
  viewsCase('views-list', 'a list instead of a string', ['A=http://localhost:7100/apps/canary/'], 'the views annotation is not a string', { catalog: false }),
  viewsCase('views-number', 'a number instead of a string', 1, 'the views annotation is not a string', { catalog: false }),
];

/** A case with a good view URL whose node settings, inline or from an OpenMFP content configuration, are hostile. */
function settingsCase(name: string, tests: string, annotations: Record<string, string>, reason: string): HostileCase {
  return {
    name,
    tests,
    entity: component(name, { [LUIGI_VIEW_URL_ANNOTATION]: `${HOSTILE_ALLOWED_ORIGIN}/apps/canary/`, ...annotations }),
    annotation: LUIGI_CONTENT_CONFIGURATION_ANNOTATION in annotations ? LUIGI_CONTENT_CONFIGURATION_ANNOTATION : LUIGI_NODE_SETTINGS_ANNOTATION,
    reason,
    catalog: true,
  };
}

const nodeSettings = (value: unknown) => ({ [LUIGI_NODE_SETTINGS_ANNOTATION]: JSON.stringify(value) });
const openMfp = (data: Record<string, unknown>) => ({
  [LUIGI_CONTENT_CONFIGURATION_ANNOTATION]: JSON.stringify({ name: 'hostile', luigiConfigFragment: { data } }),
});

/** Node settings that would run code in the portal page, leave it, or reach past the app's origin. */
const SETTINGS_CASES: HostileCase[] = [
  settingsCase('settings-webcomponent', 'a web-component node', nodeSettings({ webcomponent: { selfRegistered: true } }), 'webcomponent: is not supported'),
  settingsCase('settings-function', 'code as a node activation hook', nodeSettings({ onNodeActivation: 'alert(1)' }), 'onNodeActivation: is not supported'),
  settingsCase(
    'settings-foreign-child',
    'a child view at an origin not allowed',
    nodeSettings({ children: [{ pathSegment: 'x', label: 'X', viewUrl: 'http://localhost:7200/recorder/' }] }),
    notIn('http://localhost:7200'),
  ),
  settingsCase(
    'settings-child-escape',
    'a child path that climbs out of the app',
    nodeSettings({ children: [{ pathSegment: '../billing', label: 'X', viewUrl: `${HOSTILE_ALLOWED_ORIGIN}/apps/canary/x` }] }),
    'must be one path segment',
  ),
  settingsCase('settings-forged-token', 'a context that replaces the token', nodeSettings({ context: { token: 'forged' } }), 'context.token: is set by the portal'),
  settingsCase('settings-not-json', 'node settings that are not JSON', { [LUIGI_NODE_SETTINGS_ANNOTATION]: '{"loadingIndicator":' }, 'the node settings are not valid JSON'),
  settingsCase('openmfp-webcomponent', 'an OpenMFP web-component node', openMfp({ nodes: [{ webcomponent: true }] }), 'webcomponent: is not supported'),
  settingsCase(
    'openmfp-visibility',
    "an OpenMFP visibility rule the portal cannot enforce",
    openMfp({ nodes: [{ visibleForContext: 'entityContext.project.admin' }] }),
    'visibleForContext: is not a supported node setting',
  ),
  settingsCase('openmfp-two-apps', 'an OpenMFP configuration with two apps', openMfp({ nodes: [{}, {}] }), 'must hold exactly one node'),
  settingsCase(
    'openmfp-foreign-child',
    'an OpenMFP child at another origin',
    openMfp({ nodes: [{ children: [{ pathSegment: 'x', label: 'X', url: 'http://localhost:7200/recorder/' }] }] }),
    notIn('http://localhost:7200'),
  ),
  settingsCase(
    'settings-both',
    'node settings and an OpenMFP configuration at once',
    { ...nodeSettings({}), ...openMfp({ nodes: [{}] }) },
    'not both',
  ),
];

/** Entities the frontend cannot trust as a whole: malformed, or claiming another app's place. */
const ENTITY_CASES: HostileCase[] = [
  {
    name: 'no-kind',
    tests: 'an entity without a kind',
    entity: (({ kind: _kind, ...rest }) => rest)(component('no-kind', { [LUIGI_VIEW_URL_ANNOTATION]: `${HOSTILE_ALLOWED_ORIGIN}/apps/canary/` })),
    reason: 'the entity is malformed',
    catalog: false,
  },
  {
    name: 'no-name',
    tests: 'an entity without a name',
    entity: (() => {
      const entity = component('no-name', { [LUIGI_VIEW_URL_ANNOTATION]: `${HOSTILE_ALLOWED_ORIGIN}/apps/canary/` });
      delete entity.metadata.name;
      return entity;
    })(),
    reason: 'the entity is malformed',
    catalog: false,
  },
  {
    name: 'duplicate-ref',
    tests: "a second entity with the good app's ref and another URL",
    entity: component('canary', { [LUIGI_VIEW_URL_ANNOTATION]: `${HOSTILE_ALLOWED_ORIGIN}/apps/canary/impostor/` }, { title: 'Impostor canary' }),
    reason: 'is listed twice',
    catalog: false,
  },
  {
    name: 'duplicate-segment',
    tests: "an entity whose name differs from the good app's only in case (the same path segment)",
    entity: component('CANARY', { [LUIGI_VIEW_URL_ANNOTATION]: `${HOSTILE_ALLOWED_ORIGIN}/apps/canary/impostor/` }, { title: 'Upper case canary' }),
    reason: 'is listed twice',
    catalog: false,
  },
];

/** Every hostile case: none may become a frame, each has a reason. */
export const HOSTILE_CASES: readonly HostileCase[] = [...VIEW_URL_CASES, ...TEXT_CASES, ...VIEWS_CASES, ...SETTINGS_CASES, ...ENTITY_CASES];

/**
 * The good app served beside the corpus (`/apps/canary/` on the trusted origin), in the lab
 * namespace. It is valid, but carries hostile text in every field the page shows: the text must
 * show as text, and a long unbroken title must wrap.
 */
export const GOOD_CANARY: HostileEntity = component(
  'canary',
  { [LUIGI_VIEW_URL_ANNOTATION]: `${HOSTILE_ALLOWED_ORIGIN}/apps/canary/`, [LUIGI_CATEGORY_ANNOTATION]: `Lab ${INJECTED_SVG}` },
  {
    title: `${INJECTED_IMG} Canary ${'C'.repeat(300)}`,
    description: `Still works ${INJECTED_SCRIPT}`,
  },
);

/** A second good app of the corpus' batch (frontend tests only: no sample app serves it). */
export const GOOD_PLAIN: HostileEntity = component(
  'plain',
  { [LUIGI_VIEW_URL_ANNOTATION]: `${HOSTILE_ALLOWED_ORIGIN}/apps/plain/` },
  { title: 'Plain app', description: 'Nothing special' },
);

/** The good apps of the corpus' batch. */
export const GOOD_ENTITIES: readonly HostileEntity[] = [GOOD_CANARY, GOOD_PLAIN];

/** The view every entry of {@link VIEWS_MEDLEY} keeps working beside. */
export const MEDLEY_GOOD_VIEW = { label: 'Good view', url: `${HOSTILE_ALLOWED_ORIGIN}/apps/canary/medley` };

/** The views cases that hold one `Label=URL` line each, as lines of one annotation. */
const medleyLines = VIEWS_CASES.filter(
  item => typeof item.entity.metadata.annotations?.[LUIGI_VIEWS_ANNOTATION] === 'string',
).map(item => ({ name: item.name, line: item.entity.metadata.annotations![LUIGI_VIEWS_ANNOTATION] as string, reason: item.reason }));

/**
 * One entity declaring every hostile views entry beside one good view, for the entity tab: each bad
 * entry listed with its reason, the good one shown.
 */
export const VIEWS_MEDLEY: { entity: HostileEntity; entries: ReadonlyArray<{ name: string; line: string; reason: string }> } = {
  entity: component(
    'views-medley',
    { [LUIGI_VIEWS_ANNOTATION]: [`${MEDLEY_GOOD_VIEW.label}=${MEDLEY_GOOD_VIEW.url}`, ...medleyLines.map(entry => entry.line)].join('\n') },
    { title: 'Views medley' },
  ),
  entries: medleyLines,
};

/** The cases a catalog holds: the ones Backstage's catalog accepts. */
export const CATALOG_HOSTILE_CASES: readonly HostileCase[] = HOSTILE_CASES.filter(item => item.catalog);

/**
 * The full ref of a case's entity as the page lists it (lower case, as refs compare), or its name
 * when it has no kind.
 */
export function hostileRef(item: HostileCase): string {
  const { kind, metadata } = item.entity;
  if (typeof kind !== 'string' || typeof metadata.name !== 'string') return String(metadata.name ?? 'unknown');
  return `${kind}:${metadata.namespace ?? 'default'}/${metadata.name}`.toLocaleLowerCase('en-US');
}

/**
 * The label a case's entity is listed with: its title when that is text, else its name (always the
 * name for an entity without kind or name, which is listed as malformed).
 */
export function hostileLabel(item: HostileCase): string {
  const { title, name } = item.entity.metadata;
  if (typeof item.entity.kind !== 'string' || typeof name !== 'string') return String(name ?? 'unknown');
  return typeof title === 'string' && title.trim() !== '' ? title.trim() : String(name ?? 'unknown');
}
