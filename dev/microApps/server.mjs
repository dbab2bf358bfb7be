// Dependency-free static server for the sample Luigi micro apps used by the dev
// portal and the browser tests.
//
// The same handler listens on two ports. A browser treats
// http://localhost:<trustedPort> and http://localhost:<untrustedPort> as two
// different origins, which is all the tests need to check the host's origin
// allow-list (e.g. that an untrusted origin never receives a token).
//
// Usage: `node dev/microApps/server.mjs`, or import { startMicroApps }.

import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APP_NAMES, APP_NAMESPACES, DEFAULT_AUDIENCE, DEFAULT_ISSUER, appPage, jwksUriOf } from './appPage.mjs';
import { createScaffoldedApps } from './scaffoldedApps.mjs';
import { readBody } from './readBody.mjs';

const require = createRequire(import.meta.url);
// Served from the installed package so the apps use the real Luigi client.
const LUIGI_CLIENT_PATH = require.resolve('@luigi-project/client/luigi-client.js');
const APP_JS_PATH = fileURLToPath(new URL('./app.js', import.meta.url));
const RECORDER_JS_PATH = fileURLToPath(new URL('./recorder.js', import.meta.url));
const VERIFY_JS_PATH = fileURLToPath(new URL('./verify.js', import.meta.url));
// The folder of jose's entry point is its browser ESM build (only relative
// imports), served as is under /vendor/jose/ for /verify.js.
const JOSE_DIR = dirname(require.resolve('jose'));
// Catalog files not yet in the dev catalog, served as a team's repository would serve them, for the
// dev portal's "Register existing component" page.
const UNREGISTERED_DIR = fileURLToPath(new URL('../catalog/unregistered/', import.meta.url));
// Catalog files registered by URL (dev app-config), with the documents they point to.
const REMOTE_DIR = fileURLToPath(new URL('../catalog/remote/', import.meta.url));
const JOSE_PREFIX = '/vendor/jose/';
// Luigi's own micro frontends, vendored byte for byte (see upstream/luigi/README.md), served by their
// path in Luigi's repository under /upstream/luigi/. Only the files listed in SHA256SUMS.
const UPSTREAM_DIR = fileURLToPath(new URL('./upstream/luigi/', import.meta.url));
const UPSTREAM_PREFIX = '/upstream/luigi/';
const UPSTREAM_FILES = new Set(
  readFileSync(join(UPSTREAM_DIR, 'SHA256SUMS'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => line.split(/\s+/)[1].replace(/^\.\//, '')),
);
// Where Luigi's test pages load the client from.
const UPSTREAM_CLIENT_PATH = '/node_modules/@luigi-project/client/luigi-client.js';

// Upper bound for a recorder POST body; a Luigi message is a few KB at most.
const MAX_LOG_BODY = 1024 * 1024;

const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  yaml: 'application/yaml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

function send(res, status, type, body, extraHeaders = {}) {
  res.writeHead(status, {
    'Content-Type': TYPES[type],
    // Always fresh: tests and the dev portal restart the server with edits.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

const notFound = res => send(res, 404, 'text', 'Not found\n');

// Read on every request (not cached) so edits show up without a restart.
const sendFile = async (res, path) => send(res, 200, 'js', await readFile(path));

/**
 * Maps the part of the path after /vendor/jose/ to a .js file inside
 * JOSE_DIR, or null for anything else (bad encoding, traversal, other files).
 */
function joseFile(rest) {
  let decoded;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || extname(decoded) !== '.js') return null;
  const file = resolve(JOSE_DIR, decoded);
  return file.startsWith(JOSE_DIR + sep) ? file : null;
}

async function sendJoseFile(res, rest) {
  const file = joseFile(rest);
  if (!file) return notFound(res);
  try {
    return send(res, 200, 'js', await readFile(file));
  } catch (error) {
    if (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'ENOTDIR') {
      return notFound(res);
    }
    throw error;
  }
}

const NO_FRAME_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>no-frame</title></head>
<body><h1>no-frame</h1><p>This page refuses to be framed.</p></body></html>
`;

const NO_HANDSHAKE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>no-handshake</title></head>
<body><h1>no-handshake</h1><p>I never say hello</p></body></html>
`;

// Fault pages of the `lab` tenant (dev/catalog/lab-faults.yaml). Each fault script is loaded before
// the Luigi client and acts on `microapp:init`, which /app.js fires once the handshake is done.

/** Crashes the micro app once the handshake is done: an uncaught error and an unhandled rejection. */
const THROW_AFTER_INIT_JS = `document.addEventListener('microapp:init', function () {
  document.body.setAttribute('data-crashed', 'true');
  setTimeout(function () { Promise.reject(new Error('micro app rejected after the Luigi handshake')); });
  setTimeout(function () { throw new Error('micro app crashed after the Luigi handshake'); });
});
`;

/** Navigates the micro app's own frame to `target` (another origin) once the handshake is done. */
const navigateAwayJs = target => `document.addEventListener('microapp:init', function () {
  setTimeout(function () { location.href = ${JSON.stringify(target)}; }, 300);
});
`;

/** Adds a frame of `src` (another origin) inside the micro app once the handshake is done. */
const nestFrameJs = src => `document.addEventListener('microapp:init', function () {
  var frame = document.createElement('iframe');
  frame.id = 'nested-forger';
  frame.src = ${JSON.stringify(src)};
  frame.style.width = '100%';
  frame.style.height = '160px';
  document.body.appendChild(frame);
});
`;

/**
 * Pretends to be a Luigi micro app: posts to its parent and to the top window what a micro app
 * posts to Luigi core (a token for everybody, a navigation, a request for context and token), a few
 * times so that timing does not matter. /recorder.js, loaded first, records every message the page
 * receives on the recorder log of the origin serving it; the forger records what it sent there too.
 */
const FORGER_JS = `(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var as = params.get('as') || 'forger';
  var open = params.get('open') || '/';
  function record(entry) {
    fetch('/recorder/log', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(entry),
      keepalive: true,
    }).catch(function () {});
  }
  var messages = [
    { msg: 'luigi.auth.tokenIssued', authData: { accessToken: 'forged-by-' + as } },
    { msg: 'luigi.navigation.open', params: { link: open }, remotePromiseId: 1 },
    { msg: 'luigi.get-context' },
  ];
  var targets = [window.parent, window.top].filter(function (target, index, all) {
    return target !== window && all.indexOf(target) === index;
  });
  function forge(round) {
    targets.forEach(function (target) {
      messages.forEach(function (message) { target.postMessage(message, '*'); });
    });
    record({ kind: 'forged', origin: location.origin, data: { as: as, round: round, targets: targets.length } });
  }
  document.getElementById('as').textContent = as;
  [0, 1000, 3000].forEach(function (delay, round) { setTimeout(function () { forge(round); }, delay); });
})();
`;

const FORGER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>forger</title></head>
<body><h1 id="app-name">forger</h1><p>Pretends to be Luigi, as <span id="as"></span>.</p>
<script src="/recorder.js"></script>
<script src="/fault/forger.js"></script>
</body></html>
`;

/** How long /fault/hangs holds a request before giving up (a proxy's gateway timeout). */
const HANG_MS = 120_000;

/**
 * Creates the request handler shared by both ports.
 *
 * @param {Array<object>} received recorder entries (mutated in place)
 * @param {() => object} originsOf returns { [port]: origin } once listening
 * @param {{ issuer: string, audience: string, jwksUri: string }} verification
 *   what the app pages expect of the token (passed to /verify.js)
 * @param {{ handle: Function }} scaffolded the apps the dev portal's template created (/scaffolded/)
 */
function createHandler(received, originsOf, verification, scaffolded) {
  return async function handle(req, res) {
    const { pathname } = new URL(req.url, 'http://localhost');
    const method = req.method;
    const isRead = method === 'GET' || method === 'HEAD';

    if (pathname === '/recorder/log') {
      if (isRead) return send(res, 200, 'json', JSON.stringify(received));
      if (method === 'DELETE') {
        // Clear in place: callers hold a reference to this very array.
        received.length = 0;
        return send(res, 204, 'text', '');
      }
      if (method === 'POST') {
        let entry;
        try {
          entry = JSON.parse(await readBody(req, MAX_LOG_BODY));
        } catch (error) {
          return send(res, error.status ?? 400, 'text', 'Bad recorder entry\n');
        }
        // Which server (origin) the entry was posted to, i.e. which origin's
        // frame received it.
        const recordedBy = originsOf()[req.socket.localPort];
        received.push({ ...entry, recordedBy, at: Date.now() });
        return send(res, 204, 'text', '');
      }
      return send(res, 405, 'text', 'Method not allowed\n', { Allow: 'GET, POST, DELETE' });
    }

    // The apps the dev portal's template created: uploaded by its publish action, served by their own code.
    if (pathname === '/scaffolded' || pathname.startsWith('/scaffolded/')) {
      return scaffolded.handle(req, res, pathname, originsOf()[req.socket.localPort]);
    }

    if (!isRead) return notFound(res);

    if (pathname === '/luigi-client.js' || pathname === UPSTREAM_CLIENT_PATH) return sendFile(res, LUIGI_CLIENT_PATH);
    if (pathname.startsWith(UPSTREAM_PREFIX)) {
      const file = pathname.slice(UPSTREAM_PREFIX.length);
      if (!UPSTREAM_FILES.has(file) || file === 'LICENSE') return notFound(res);
      const type = file.endsWith('.css') ? 'css' : 'html';
      return send(res, 200, type, await readFile(join(UPSTREAM_DIR, file)));
    }
    if (pathname === '/app.js') return sendFile(res, APP_JS_PATH);
    if (pathname === '/recorder.js') return sendFile(res, RECORDER_JS_PATH);
    if (pathname === '/verify.js') return sendFile(res, VERIFY_JS_PATH);
    // The raw request path, not `pathname`: URL parsing has already resolved
    // dot segments, and joseFile() must see (and refuse) them itself.
    const rawPath = req.url.split(/[?#]/, 1)[0];
    if (rawPath.startsWith(JOSE_PREFIX)) {
      return sendJoseFile(res, rawPath.slice(JOSE_PREFIX.length));
    }

    // A team's repository: catalog files (and documents they point to), by plain file name only.
    const catalogFile = /^\/(remote|repository)\/([\w-][\w.-]*\.(yaml|json))$/.exec(pathname);
    if (catalogFile && (catalogFile[1] === 'remote' || catalogFile[3] === 'yaml')) {
      const dir = catalogFile[1] === 'remote' ? REMOTE_DIR : UNREGISTERED_DIR;
      const body = await readFile(resolve(dir, catalogFile[2])).catch(() => undefined);
      return body === undefined ? notFound(res) : send(res, 200, catalogFile[3], body);
    }

    // /apps/<name>/ and /apps/<name>/<anything>: Luigi may append sub-paths.
    const app = /^\/apps\/([^/]+)\/.*$/.exec(pathname);
    if (app) {
      if (!Object.hasOwn(APP_NAMESPACES, app[1])) return notFound(res);
      return send(res, 200, 'html', appPage({ name: app[1], ...verification }));
    }

    if (pathname === '/recorder/') {
      return send(
        res,
        200,
        'html',
        appPage({
          name: 'recorder',
          navigateTo: APP_NAMES,
          extraScripts: ['/recorder.js'],
          ...verification,
        }),
      );
    }

    if (pathname === '/fail/404') return send(res, 404, 'text', 'This micro app does not exist\n');
    if (pathname === '/fail/no-frame') {
      // The only response that forbids framing, both the legacy and CSP way.
      return send(res, 200, 'html', NO_FRAME_PAGE, {
        'X-Frame-Options': 'DENY',
        'Content-Security-Policy': "frame-ancestors 'none'",
      });
    }
    // Never loads the Luigi client, so the host never gets a handshake.
    if (pathname === '/fail/no-handshake') return send(res, 200, 'html', NO_HANDSHAKE_PAGE);

    if (faultRoute(pathname, req, res, originsOf, verification)) return undefined;

    return notFound(res);
  };
}

/**
 * A lab fault app page: a sample app page (named as its entity, component:lab/<name>, whose token it
 * expects) plus the fault's script, loaded first.
 */
const faultPage = (name, script, verification) =>
  appPage({ name, namespace: 'lab', navigateTo: [], extraScripts: [script], ...verification });

/**
 * Answers the `lab` tenant's fault routes (/fault/…); false for any other path. Pages that reach
 * for another origin point at the server's other port: the untrusted one, seen from the trusted.
 */
function faultRoute(pathname, req, res, originsOf, verification) {
  const own = originsOf()[req.socket.localPort];
  const other = Object.values(originsOf()).find(origin => origin !== own) ?? own;
  switch (pathname) {
    // Never answers (until HANG_MS): the frame stays blank, before any handshake.
    case '/fault/hangs': {
      const timer = setTimeout(() => send(res, 504, 'text', 'Gave up waiting\n'), HANG_MS);
      res.on('close', () => clearTimeout(timer));
      return true;
    }
    case '/fault/throws-after-handshake/':
      send(res, 200, 'html', faultPage('fault-throws', '/fault/throw-after-init.js', verification));
      return true;
    case '/fault/throw-after-init.js':
      send(res, 200, 'js', THROW_AFTER_INIT_JS);
      return true;
    case '/fault/navigates-away/':
      send(res, 200, 'html', faultPage('fault-navigates-away', '/fault/navigate-away.js', verification));
      return true;
    case '/fault/navigate-away.js':
      send(res, 200, 'js', navigateAwayJs(`${other}/fault/forger/?as=navigated`));
      return true;
    case '/fault/nested-forger/':
      send(res, 200, 'html', faultPage('fault-nested-forger', '/fault/nest-frame.js', verification));
      return true;
    case '/fault/nest-frame.js':
      send(res, 200, 'js', nestFrameJs(`${other}/fault/forger/?as=nested`));
      return true;
    case '/fault/forger/':
      send(res, 200, 'html', FORGER_PAGE);
      return true;
    case '/fault/forger.js':
      send(res, 200, 'js', FORGER_JS);
      return true;
    default:
      return false;
  }
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

function closeServer(server) {
  return new Promise(resolve => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Drop keep-alive connections (e.g. a browser still open) so close() returns.
    server.closeAllConnections();
  });
}

/**
 * Starts the sample micro apps on two ports (two browser origins).
 *
 * Pass port 0 to get an ephemeral port; the returned origins carry the real port.
 *
 * @param {object} [options]
 * @param {number} [options.trustedPort=7100] port of the origin the host trusts
 * @param {number} [options.untrustedPort=7200] port of the origin the host does not trust
 * @param {string} [options.host='127.0.0.1'] interface to bind (loopback only by default)
 * @param {string} [options.issuer='http://localhost:7300'] issuer the app pages
 *   require in the token; its keys are fetched from `<issuer>/jwks`
 * @param {string} [options.audience='luigi-micro-apps'] `aud` the app pages require
 * @returns {Promise<{
 *   trustedOrigin: string,
 *   untrustedOrigin: string,
 *   received: Array<{kind?: string, origin?: string, data?: unknown, recordedBy?: string, at: number}>,
 *   close: () => Promise<void>,
 * }>} origins as `http://localhost:<port>`; `received` is the live recorder log
 */
export async function startMicroApps({
  trustedPort = 7100,
  untrustedPort = 7200,
  host = '127.0.0.1',
  issuer = DEFAULT_ISSUER,
  audience = DEFAULT_AUDIENCE,
} = {}) {
  const received = [];
  const origins = {};
  // Empty at every start; its folder is removed on close.
  const scaffolded = createScaffoldedApps();
  const handler = createHandler(
    received,
    () => origins,
    { issuer, audience, jwksUri: jwksUriOf(issuer) },
    scaffolded,
  );
  const wrapped = (req, res) =>
    handler(req, res).catch(error => {
      if (!res.headersSent) send(res, 500, 'text', `Internal error: ${error.message}\n`);
      else res.destroy();
    });

  const trusted = createServer(wrapped);
  const untrusted = createServer(wrapped);
  const close = () => Promise.all([closeServer(trusted), closeServer(untrusted)]).then(() => scaffolded.close());

  try {
    const realTrusted = await listen(trusted, trustedPort, host);
    const realUntrusted = await listen(untrusted, untrustedPort, host);
    origins[realTrusted] = `http://localhost:${realTrusted}`;
    origins[realUntrusted] = `http://localhost:${realUntrusted}`;
    return {
      trustedOrigin: origins[realTrusted],
      untrustedOrigin: origins[realUntrusted],
      received,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

// Run directly: start on the default ports and log the origins.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const apps = await startMicroApps();
  console.log(`Trusted micro apps:   ${apps.trustedOrigin}/apps/{${Object.keys(APP_NAMESPACES).join(',')}}/`);
  console.log(`Untrusted micro apps: ${apps.untrustedOrigin}/apps/{${Object.keys(APP_NAMESPACES).join(',')}}/`);
  console.log(`Recorder:             ${apps.trustedOrigin}/recorder/ and ${apps.untrustedOrigin}/recorder/`);
  const stop = () => apps.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
