// Serves a built Backstage app the way its backend does in production: with the security headers of
// @backstage/backend-defaults (MiddlewareFactory.helmet(), which the backend's root HTTP router puts on
// every response, the app included), read from the same `backend.csp` app-config, and index.html for
// every path that is not a file (client-side routes).
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { parse } from 'yaml';

const TYPES = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** Nothing to log: the helmet middleware never logs. */
const silentLogger = {
  child: () => silentLogger,
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Reads one app-config YAML file as plain data. */
export async function readAppConfig(file) {
  return parse(await readFile(file, 'utf8')) ?? {};
}

/**
 * Starts serving `dir` (a built app's `dist`) on `port`.
 * @param {{ dir: string, port?: number, host?: string, appConfig: object | object[] }} options
 *   `appConfig`: app-config data (as read from YAML); its `backend.csp` decides the policy.
 */
export async function serveBuiltApp({ dir, port = 0, host = '127.0.0.1', appConfig }) {
  const config = ConfigReader.fromConfigs(
    (Array.isArray(appConfig) ? appConfig : [appConfig]).map(data => ({ context: 'app-config', data })),
  );
  const helmet = MiddlewareFactory.create({ config, logger: silentLogger }).helmet();
  const root = normalize(dir);
  const server = createServer((req, res) => {
    helmet(req, res, async () => {
      try {
        const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
        const file = normalize(join(root, path));
        const isFile = file.startsWith(root) && (await stat(file).then(s => s.isFile(), () => false));
        const target = isFile ? file : join(root, 'index.html');
        const ext = target.slice(target.lastIndexOf('.'));
        res.writeHead(200, { 'Content-Type': TYPES[ext] ?? 'application/octet-stream' });
        res.end(req.method === 'HEAD' ? undefined : await readFile(target));
      } catch (error) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error));
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    origin: `http://localhost:${server.address().port}`,
    close: () =>
      new Promise(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
