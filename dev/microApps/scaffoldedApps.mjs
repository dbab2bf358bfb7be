// Dev portal only: the "git host" of the micro apps the dev portal's template creates. Its publish
// action (dev/backend/devPublishLocal.ts) uploads the generated files here; this server then answers
// under /scaffolded/<name>/ as the app's own server would: catalog-info.yaml as a repository serves
// it (what catalog:register reads), everything else by the generated server.mjs itself, so the page
// the portal frames and the token check it makes are the template's code, running.
//
// The files live in a temporary folder of this server's own (outside the repository), made at the
// first upload after a start and removed on close. Each upload gets a folder of its own, so a new
// upload of a name loads fresh modules.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readBody } from './readBody.mjs';

/** The repository's node_modules: the generated apps import jose and the Luigi client from it. */
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
/** An app name: as a catalog entity name of the template (lower case, digits, dashes). */
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Upper bounds of one upload: a generated app is a handful of small files. */
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
const MAX_FILES = 100;

/** A relative path inside an app's folder, or undefined for anything else. */
function safeRelative(path) {
  if (typeof path !== 'string' || path === '' || path.includes('\0') || path.includes('\\') || isAbsolute(path)) return undefined;
  const normalized = normalize(path);
  return normalized.split(sep).includes('..') ? undefined : normalized;
}

const json = (res, status, value) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
};

/** A fresh temporary folder for the apps, with the packages they import. */
async function makeFolder() {
  const dir = await mkdtemp(join(tmpdir(), 'luigi-dev-scaffolded-'));
  // Where Node looks for the apps' packages, as `npm install` in the app would give them.
  await symlink(NODE_MODULES, join(dir, 'node_modules'), 'junction');
  return dir;
}

/**
 * Creates the scaffolded apps' store, empty.
 * @returns {{ handle: (req, res, pathname: string, origin: string) => Promise<void>, close: () => Promise<void> }}
 *   `handle` answers every request under /scaffolded/
 */
export function createScaffoldedApps() {
  /** The folder, once something was uploaded. */
  let folderMade;
  /** name → { folder, app: Promise<handler> | undefined } */
  const apps = new Map();
  let uploads = 0;

  async function upload(req, res, name, origin) {
    // Only the dev backend uploads: a browser page (any site the developer visits) sends an Origin
    // and cannot send JSON cross-origin without a preflight, which this server never answers.
    if (req.headers.origin !== undefined || !/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return json(res, 403, { error: 'uploads come from the dev backend only' });
    }
    let files;
    try {
      ({ files } = JSON.parse(await readBody(req, MAX_UPLOAD_BYTES)));
    } catch (error) {
      return json(res, error.status ?? 400, { error: error.status ? error.message : 'not JSON' });
    }
    if (!Array.isArray(files) || files.length === 0 || files.length > MAX_FILES) return json(res, 400, { error: 'files: 1 to 100' });
    folderMade ??= makeFolder();
    const folder = join(await folderMade, `${name}-${++uploads}`);
    for (const file of files) {
      const path = safeRelative(file?.path);
      if (path === undefined || typeof file.content !== 'string') return json(res, 400, { error: `not a file of the app: ${file?.path}` });
      await mkdir(dirname(join(folder, path)), { recursive: true });
      await writeFile(join(folder, path), Buffer.from(file.content, 'base64'));
    }
    apps.set(name, { folder, app: undefined });
    const root = `${origin}/scaffolded/${name}/`;
    return json(res, 201, { remoteUrl: root, catalogInfoUrl: `${root}catalog-info.yaml` });
  }

  async function serve(req, res, name, rest) {
    const entry = apps.get(name);
    if (!entry) return json(res, 404, { error: `no scaffolded app ${name}` });
    if (rest === 'catalog-info.yaml') {
      const body = await readFile(join(entry.folder, 'catalog-info.yaml'));
      res.writeHead(200, { 'Content-Type': 'application/yaml; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    // The generated server's own handler, for URLs relative to the app's root.
    entry.app ??= import(pathToFileURL(join(entry.folder, 'server.mjs')).href).then(module => module.createMicroApp());
    const handle = await entry.app;
    const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    req.url = `/${rest}${search}`;
    return handle(req, res);
  }

  return {
    async handle(req, res, pathname, origin) {
      const match = /^\/scaffolded\/([^/]+)(\/(.*))?$/.exec(pathname);
      if (!match || !NAME.test(match[1])) return json(res, 404, { error: 'not a scaffolded app' });
      if (req.method === 'POST' && match[2] === undefined) return upload(req, res, match[1], origin);
      if (match[2] === undefined) {
        // Relative URLs of the page resolve against the folder: always with the slash.
        res.writeHead(308, { Location: `/scaffolded/${match[1]}/` });
        return res.end();
      }
      return serve(req, res, match[1], match[3]);
    },
    close: async () => {
      if (folderMade) await rm(await folderMade, { recursive: true, force: true });
    },
  };
}
