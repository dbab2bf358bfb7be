// The micro app's server: the page, the Luigi client, and `GET api/me`, which answers who the user
// is from the portal's token and nothing else. Plain node:http, no framework.
//
// `npm start` listens on PORT (default 8080). Another server may mount the app under a path of its
// own: createMicroApp() is the handler, for request URLs relative to the app's root.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TokenRefused, createTokenVerifier } from './verifyToken.mjs';

const require = createRequire(import.meta.url);
const here = path => fileURLToPath(new URL(path, import.meta.url));

/** The files of the page, by request path. */
const FILES = {
  '/': { file: here('./public/index.html'), type: 'text/html; charset=utf-8' },
  '/index.html': { file: here('./public/index.html'), type: 'text/html; charset=utf-8' },
  '/app.js': { file: here('./public/app.js'), type: 'text/javascript; charset=utf-8' },
  '/luigi-client.js': { file: require.resolve('@luigi-project/client/luigi-client.js'), type: 'text/javascript; charset=utf-8' },
};

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

const sendJson = (res, status, value) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

/**
 * The app's request handler.
 * @param {{ issuer: string, audience: string, tenant?: string }} [settings] what the token check
 *   expects (default: micro-app.json)
 */
export async function createMicroApp(settings) {
  const expected = settings ?? JSON.parse(await readFile(here('./micro-app.json'), 'utf8'));
  const userOf = createTokenVerifier(expected);
  return async function handle(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://app.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    if (pathname === '/api/me') {
      try {
        return sendJson(res, 200, { verified: true, ...(await userOf(req.headers.authorization)) });
      } catch (error) {
        if (!(error instanceof TokenRefused)) throw error;
        return sendJson(res, 401, { verified: false, error: error.message });
      }
    }
    const entry = FILES[pathname];
    if (!entry) return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    return send(res, 200, entry.type, await readFile(entry.file));
  };
}

// Run directly (`npm start`): listen on PORT.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const handle = await createMicroApp();
  const port = Number(process.env.PORT ?? 8080);
  createServer((req, res) =>
    handle(req, res).catch(error => {
      console.error(error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error\n');
    }),
  ).listen(port, () => console.log(`micro app on http://localhost:${port}/`));
}
