// HTML for every sample micro app page (and the recorder page, which is the
// same page plus one extra script). Kept in one place so the pages cannot drift
// apart: the browser tests rely on the element ids below being identical.
//
// The page itself is static. All data received from the host (context, token)
// is rendered by /app.js and /verify.js with textContent only, never innerHTML.

/** Issuer whose tokens the apps verify: the dev portal's luigi backend plugin. */
export const DEFAULT_ISSUER = 'http://localhost:7007/api/luigi';

/**
 * `aud` each app requires in its token, `{app}` being the app's name and `{namespace}` its entity's
 * namespace: the luigi backend gives each micro app a token for its own entity
 * (`component:default/orders` for Orders), so an app refuses a token issued for another one.
 */
export const DEFAULT_AUDIENCE = 'component:{namespace}/{app}';

/** Where the luigi backend publishes its keys: `<issuer>/.well-known/jwks.json`. */
export const jwksUriOf = issuer => `${String(issuer).replace(/\/+$/, '')}/.well-known/jwks.json`;

/** Signature algorithms the apps accept (the luigi backend signs with ES256). */
export const DEFAULT_ALGORITHMS = 'ES256';

/** Names of the sample apps of the `commerce` tenant (namespace default); each is served at `/apps/<name>/`. */
export const APP_NAMES = Object.freeze(['orders', 'inventory', 'billing', 'reports']);

/** Sample apps of the `logistics` tenant, registered in the catalog namespace `logistics`. */
export const LOGISTICS_APP_NAMES = Object.freeze(['shipments']);

/** The tenant of the dev portal each catalog namespace belongs to (luigi.tenants in app-config.dev.yaml). */
export const TENANT_OF_NAMESPACE = Object.freeze({ default: 'commerce', logistics: 'logistics', lab: 'lab' });

/** Every sample app, with the catalog namespace of the entity that registers it. */
export const APP_NAMESPACES = Object.freeze({
  ...Object.fromEntries(APP_NAMES.map(app => [app, 'default'])),
  ...Object.fromEntries(LOGISTICS_APP_NAMES.map(app => [app, 'logistics'])),
  // The lab tenant's good app, beside its hostile registrations (dev/catalog/lab-hostile.yaml).
  canary: 'lab',
  // Registered with an OpenMFP content configuration (dev/catalog/remote/openmfp-orders.content-configuration.json).
  'openmfp-orders': 'lab',
});

const escapeHtml = value =>
  String(value).replace(
    /[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

/**
 * Renders a sample micro app page.
 *
 * @param {object} options
 * @param {string} options.name App name shown in the heading and in the alert text.
 * @param {string[]} [options.navigateTo] Apps to render `#go-<app>` buttons for
 *   (defaults to every other sample app).
 * @param {string[]} [options.extraScripts] Scripts loaded BEFORE the Luigi client,
 *   so they see every message the frame ever receives (used by the recorder).
 * @param {string} [options.issuer] expected `iss` of the token, read by /verify.js
 * @param {string} [options.audience] expected `aud` of the token, read by /verify.js;
 *   `{app}` stands for `name`, `{namespace}` for its entity's namespace
 * @param {string} [options.jwksUri] where /verify.js fetches the signing keys
 *   (defaults to `<issuer>/.well-known/jwks.json`)
 * @param {string} [options.algorithms] accepted signature algorithms, comma-separated
 * @param {string} [options.namespace] catalog namespace of the app's entity (default: from APP_NAMESPACES)
 * @returns {string} a complete HTML document
 */
export function appPage({
  name,
  navigateTo,
  extraScripts = [],
  issuer = DEFAULT_ISSUER,
  audience = DEFAULT_AUDIENCE,
  jwksUri = jwksUriOf(issuer),
  algorithms = DEFAULT_ALGORITHMS,
  namespace = APP_NAMESPACES[name] ?? 'default',
}) {
  const siblings = LOGISTICS_APP_NAMES.includes(name) ? LOGISTICS_APP_NAMES : APP_NAMES;
  const others = navigateTo ?? siblings.filter(app => app !== name);
  const buttons = others
    .map(
      app =>
        `<button type="button" id="go-${escapeHtml(app)}" data-navigate="/${escapeHtml(app)}">Go to ${escapeHtml(app)}</button>`,
    )
    .join('\n      ');
  const scripts = [...extraScripts, '/luigi-client.js', '/app.js']
    .map(src => `<script src="${escapeHtml(src)}"></script>`)
    .join('\n    ');
  // A module script is deferred: it runs after /app.js, whatever its position.
  const moduleScript = '<script type="module" src="/verify.js"></script>';

  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${escapeHtml(name)}</title>
    <style>
      body { font-family: sans-serif; margin: 1rem; }
      pre { background: #f4f4f4; padding: .5rem; white-space: pre-wrap; word-break: break-all; }
      button { margin-right: .5rem; }
    </style>
  </head>
  <body
    data-app="${escapeHtml(name)}"
    data-issuer="${escapeHtml(issuer)}"
    data-audience="${escapeHtml(String(audience).replaceAll('{app}', name).replaceAll('{namespace}', namespace))}"
    data-jwks-uri="${escapeHtml(jwksUri)}"
    data-tenant="${escapeHtml(TENANT_OF_NAMESPACE[namespace])}"
    data-algorithms="${escapeHtml(algorithms)}"
  >
    <h1 id="app-name">${escapeHtml(name)}</h1>
    <p>
      Status: <span id="status">loading</span> |
      Context updates: <span id="context-updates">0</span> |
      Load id: <span id="load-id"></span> |
      Path: <span id="path"></span> |
      Theme: <span id="current-theme"></span> |
      Locale: <span id="current-locale"></span>
    </p>
    <p>
      ${buttons}
      <button type="button" id="alert">Show alert</button>
      Alert: <span id="alert-status">none</span>
    </p>
    <h2>Context</h2>
    <pre id="context">none</pre>
    <h2>Token</h2>
    <pre id="token">none</pre>
    <h2>Token verification</h2>
    <p>
      Status: <span id="verify-status">no token</span> |
      Verified tokens: <span id="verified-count">0</span> |
      Error: <span id="verify-error"></span>
    </p>
    <pre id="verified-claims">none</pre>
    ${scripts}
    ${moduleScript}
  </body>
</html>
`;
}
