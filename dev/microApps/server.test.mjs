// Self-check of the sample micro app server: routes, status codes, headers and
// the recorder log cycle. Run with `node --test dev/microApps/`.
//
// Requests go to 127.0.0.1 (what the server binds to) rather than the reported
// `localhost` origin, so the test does not depend on how localhost resolves.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { startMicroApps } from './server.mjs';
import { APP_NAMES } from './appPage.mjs';

let apps;
let trustedBase;
let untrustedBase;

const portOf = origin => new URL(origin).port;

// GET with the path sent exactly as written: fetch() would resolve dot
// segments before sending, so it cannot test the server's traversal checks.
function rawGet(base, path) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', chunk => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// Relative imports of an ES module: `from "./x.js"` and `import "./x.js"`.
const relativeImports = source =>
  [...source.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)].map(m => m[1]);

before(async () => {
  apps = await startMicroApps({ trustedPort: 0, untrustedPort: 0 });
  trustedBase = `http://127.0.0.1:${portOf(apps.trustedOrigin)}`;
  untrustedBase = `http://127.0.0.1:${portOf(apps.untrustedOrigin)}`;
});

after(() => apps?.close());

describe('startMicroApps', () => {
  test('reports two distinct localhost origins with real ports', () => {
    assert.match(apps.trustedOrigin, /^http:\/\/localhost:\d+$/);
    assert.match(apps.untrustedOrigin, /^http:\/\/localhost:\d+$/);
    assert.notEqual(apps.trustedOrigin, apps.untrustedOrigin);
    assert.notEqual(portOf(apps.trustedOrigin), '0');
    assert.ok(Array.isArray(apps.received));
  });

  test('passes issuer and audience options to the app pages', async () => {
    const other = await startMicroApps({
      trustedPort: 0,
      untrustedPort: 0,
      issuer: 'http://localhost:7399',
      audience: 'aud-"<x>"',
    });
    try {
      const otherBase = `http://127.0.0.1:${portOf(other.untrustedOrigin)}`;
      for (const path of ['/apps/orders/', '/recorder/']) {
        const html = await (await fetch(otherBase + path)).text();
        assert.match(html, /\sdata-issuer="http:\/\/localhost:7399"/, path);
        assert.match(html, /\sdata-jwks-uri="http:\/\/localhost:7399\/.well-known\/jwks.json"/, path);
        assert.match(html, /\sdata-audience="aud-&quot;&lt;x&gt;&quot;"/, path);
      }
    } finally {
      await other.close();
    }
  });

  test('close() releases both ports', async () => {
    const other = await startMicroApps({ trustedPort: 0, untrustedPort: 0 });
    const url = `http://127.0.0.1:${portOf(other.trustedOrigin)}/luigi-client.js`;
    assert.equal((await fetch(url)).status, 200);
    await other.close();
    await assert.rejects(fetch(url));
  });
});

for (const [label, base] of [
  ['trusted', () => trustedBase],
  ['untrusted', () => untrustedBase],
]) {
  describe(`routes on the ${label} port`, () => {
    const get = (path, init) => fetch(base() + path, init);

    test('/luigi-client.js serves the real Luigi client', async () => {
      const res = await get('/luigi-client.js');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/javascript/);
      const body = await res.text();
      assert.match(body, /LuigiClient/);
      assert.match(body, /addInitListener/);
      assert.match(body, /getToken/);
    });

    test('/app.js, /recorder.js and /verify.js are served as JavaScript', async () => {
      for (const path of ['/app.js', '/recorder.js', '/verify.js']) {
        const res = await get(path);
        assert.equal(res.status, 200, path);
        assert.match(res.headers.get('content-type'), /^text\/javascript/, path);
      }
      const appJs = await (await get('/app.js')).text();
      assert.match(appJs, /linkManager\(\)\.navigate/);
      assert.match(appJs, /'luigi-sample:token'/);
      assert.match(await (await get('/recorder.js')).text(), /\/recorder\/log/);
      const verifyJs = await (await get('/verify.js')).text();
      assert.match(verifyJs, /from '\/vendor\/jose\/index\.js'/);
      assert.match(verifyJs, /'luigi-sample:token'/);
      assert.match(verifyJs, /jwtVerify\(/);
      assert.match(verifyJs, /createRemoteJWKSet\(/);
      assert.doesNotMatch(verifyJs, /localhost:7007/, 'issuer comes from the page');
      assert.doesNotMatch(verifyJs, /innerHTML/);
    });

    test('/vendor/jose/index.js is the real jose browser build', async () => {
      const res = await get('/vendor/jose/index.js');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/javascript/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      const body = await res.text();
      assert.match(body, /export \{[^}]*\bjwtVerify\b/);
      assert.match(body, /export \{[^}]*\bcreateRemoteJWKSet\b/);
      assert.doesNotMatch(body, /\brequire\(/);
    });

    test('/vendor/jose/ serves every module index.js imports, transitively', async () => {
      const seen = new Set();
      const queue = ['/vendor/jose/index.js'];
      while (queue.length > 0) {
        const path = queue.shift();
        if (seen.has(path)) continue;
        seen.add(path);
        const res = await get(path);
        assert.equal(res.status, 200, path);
        assert.match(res.headers.get('content-type'), /^text\/javascript/, path);
        for (const spec of relativeImports(await res.text())) {
          const next = new URL(spec, `http://x${path}`).pathname;
          assert.ok(next.startsWith('/vendor/jose/'), `${path} imports ${spec}`);
          queue.push(next);
        }
      }
      assert.ok(seen.has('/vendor/jose/jwks/remote.js'));
      assert.ok(seen.has('/vendor/jose/jwt/verify.js'));
      assert.ok(seen.size > 20, `${seen.size} modules`);
    });

    test('/vendor/jose/ refuses traversal and anything but its .js files', async () => {
      for (const path of [
        '/vendor/jose/../../package.json',
        '/vendor/jose/../../../package.json',
        '/vendor/jose/../../../../../package.json',
        '/vendor/jose/../index.js',
        '/vendor/jose/%2e%2e/%2e%2e/package.json',
        '/vendor/jose/..%2f..%2fpackage.json',
        '/vendor/jose/..%2F..%2F..%2F..%2Fpackage.json',
        '/vendor/jose/..%5c..%5cpackage.json',
        '/vendor/jose/%2fetc%2fpasswd',
        '/vendor/jose//etc/passwd',
        '/vendor/jose/index.js%00.js',
        '/vendor/jose/%E0%A4%A',
        '/vendor/jose/',
        '/vendor/jose/jwks',
        '/vendor/jose/nope.js',
        '/vendor/jose/../../../types/index.d.ts',
        '/vendor/jose/../jose/../../package.json',
        // Real .js files outside the folder (this repo's own app.js).
        '/vendor/jose/../../../../dev/microApps/app.js',
        '/vendor/jose/..%2f..%2f..%2f..%2fdev%2fmicroApps%2fapp.js',
        '/vendor/jose/%2e%2e/%2e%2e/%2e%2e/%2e%2e/dev/microApps/app.js',
      ]) {
        const res = await rawGet(base(), path);
        assert.equal(res.status, 404, path);
        assert.doesNotMatch(res.body, /"name"|export|root:|LuigiClient/, path);
      }
      // The same path through fetch() (dot segments resolved by the client).
      const res = await get('/vendor/jose/../../package.json');
      assert.equal(res.status, 404);
      await res.body?.cancel();
    });

    test('every app page renders with the expected ids and scripts', async () => {
      for (const name of APP_NAMES) {
        for (const path of [`/apps/${name}/`, `/apps/${name}/some/deep/path?x=1`]) {
          const res = await get(path);
          assert.equal(res.status, 200, path);
          assert.match(res.headers.get('content-type'), /^text\/html/);
          assert.equal(res.headers.get('cache-control'), 'no-store');
          assert.equal(res.headers.get('x-frame-options'), null);
          assert.equal(res.headers.get('content-security-policy'), null);
          const html = await res.text();
          assert.match(html, new RegExp(`<h1[^>]*>${name}</h1>`));
          assert.match(html, /<script src="\/luigi-client\.js"><\/script>/);
          assert.match(html, /<script src="\/app\.js"><\/script>/);
          assert.match(html, /<script type="module" src="\/verify\.js"><\/script>/);
          assert.ok(html.indexOf('src="/app.js"') < html.indexOf('src="/verify.js"'));
          // Each app expects the luigi backend's token for its own entity.
          assert.match(html, /<body[^>]*\sdata-issuer="http:\/\/localhost:7007\/api\/luigi"/);
          assert.match(html, new RegExp(`<body[^>]*\\sdata-audience="component:default/${name}"`));
          assert.match(html, /<body[^>]*\sdata-jwks-uri="http:\/\/localhost:7007\/api\/luigi\/.well-known\/jwks.json"/);
          assert.match(html, /<body[^>]*\sdata-algorithms="ES256"/);
          assert.doesNotMatch(html, /recorder\.js/);
          for (const id of [
            'context',
            'token',
            'status',
            'context-updates',
            'load-id',
            'path',
            'alert',
            'verify-status',
            'verified-claims',
            'verify-error',
            'verified-count',
          ]) {
            assert.match(html, new RegExp(`id="${id}"`), `${path} #${id}`);
          }
          for (const other of APP_NAMES) {
            const button = new RegExp(`id="go-${other}" data-navigate="/${other}"`);
            if (other === name) assert.doesNotMatch(html, button);
            else assert.match(html, button);
          }
        }
      }
    });

    test('unknown apps and bare app paths are 404', async () => {
      for (const path of ['/apps/nope/', '/apps/orders', '/apps/', '/', '/nothing', '/recorder']) {
        const res = await get(path);
        assert.equal(res.status, 404, path);
        await res.body?.cancel();
      }
    });

    test('/recorder/ is an app page plus /recorder.js loaded first', async () => {
      const res = await get('/recorder/');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-frame-options'), null);
      const html = await res.text();
      const order = ['/recorder.js', '/luigi-client.js', '/app.js'].map(src =>
        html.indexOf(`<script src="${src}">`),
      );
      assert.ok(order.every(i => i >= 0), 'all scripts present');
      assert.deepEqual([...order].sort((a, b) => a - b), order, 'recorder.js runs first');
      assert.match(html, /<script type="module" src="\/verify\.js"><\/script>/);
      assert.match(html, /<body[^>]*\sdata-issuer="http:\/\/localhost:7007\/api\/luigi"/);
      for (const other of APP_NAMES) assert.match(html, new RegExp(`id="go-${other}"`));
    });

    test('/repository/ serves the catalog files waiting to be registered, and nothing else', async () => {
      const res = await get('/repository/payments.yaml');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^application\/yaml/);
      assert.match(await res.text(), /name: payments/);
      for (const path of ['/repository/nope.yaml', '/repository/../org.yaml', '/repository/%2e%2e%2forg.yaml', '/repository/']) {
        const refused = await get(path);
        assert.equal(refused.status, 404, path);
        await refused.body?.cancel();
      }
    });

    test('/fail/404 is a 404 with a text body', async () => {
      const res = await get('/fail/404');
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type'), /^text\/plain/);
      assert.ok((await res.text()).length > 0);
    });

    test('/fail/no-frame is the only route that forbids framing', async () => {
      const res = await get('/fail/no-frame');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('content-security-policy'), "frame-ancestors 'none'");
      await res.body?.cancel();
    });

    test('/fault/ pages of the lab tenant: app pages for component:lab/<name>, each with its fault script first', async () => {
      for (const [path, name, script] of [
        ['/fault/throws-after-handshake/', 'fault-throws', '/fault/throw-after-init.js'],
        ['/fault/navigates-away/', 'fault-navigates-away', '/fault/navigate-away.js'],
        ['/fault/nested-forger/', 'fault-nested-forger', '/fault/nest-frame.js'],
      ]) {
        const html = await (await get(path)).text();
        assert.match(html, new RegExp(`data-audience="component:lab/${name}"`), path);
        assert.match(html, /data-tenant="lab"/, path);
        assert.ok(html.indexOf(script) < html.indexOf('/luigi-client.js'), `${script} loads before the client`);
        const js = await get(script);
        assert.equal(js.status, 200);
        assert.match(js.headers.get('content-type'), /^text\/javascript/);
        await js.body?.cancel();
      }
      // Pages reaching for another origin point at the server's other port.
      const other = label === 'trusted' ? apps.untrustedOrigin : apps.trustedOrigin;
      assert.ok((await (await get('/fault/navigate-away.js')).text()).includes(`${other}/fault/forger/`));
      assert.ok((await (await get('/fault/nest-frame.js')).text()).includes(`${other}/fault/forger/`));
    });

    test('/fault/forger/ records what it receives, then forges Luigi messages', async () => {
      const html = await (await get('/fault/forger/')).text();
      assert.ok(html.indexOf('/recorder.js') < html.indexOf('/fault/forger.js'), 'the recorder listens first');
      const js = await (await get('/fault/forger.js')).text();
      for (const msg of ['luigi.auth.tokenIssued', 'luigi.navigation.open', 'luigi.get-context']) assert.ok(js.includes(msg), msg);
    });

    test('/fault/hangs never answers', async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 500);
      await assert.rejects(get('/fault/hangs', { signal: controller.signal }), { name: 'AbortError' });
      clearTimeout(timer);
    });

    test('/fail/no-handshake never loads the Luigi client', async () => {
      const res = await get('/fail/no-handshake');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-frame-options'), null);
      const html = await res.text();
      assert.match(html, /I never say hello/);
      assert.doesNotMatch(html, /<script/);
    });
  });
}

describe('recorder log', () => {
  const log = (base, init) => fetch(`${base}/recorder/log`, init);
  const post = (base, entry) =>
    log(base, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(entry),
    });

  test('POST / GET / DELETE cycle, tagged with the receiving origin', async () => {
    assert.equal((await log(trustedBase, { method: 'DELETE' })).status, 204);
    assert.deepEqual(await (await log(trustedBase)).json(), []);

    const fromTrusted = { kind: 'message', origin: 'http://localhost:1', data: { msg: 'luigi.init' } };
    const fromUntrusted = { kind: 'init', origin: 'http://localhost:2', data: { token: 'none' } };
    assert.equal((await post(trustedBase, fromTrusted)).status, 204);
    assert.equal((await post(untrustedBase, fromUntrusted)).status, 204);

    // One shared log, readable from either port, and the same array as `received`.
    for (const base of [trustedBase, untrustedBase]) {
      const res = await log(base);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^application\/json/);
      const entries = await res.json();
      assert.equal(entries.length, 2);
      assert.deepEqual(
        { ...entries[0], at: undefined },
        { ...fromTrusted, recordedBy: apps.trustedOrigin, at: undefined },
      );
      assert.equal(entries[1].recordedBy, apps.untrustedOrigin);
      assert.deepEqual(entries[1].data, fromUntrusted.data);
    }
    assert.equal(apps.received.length, 2);

    const kept = apps.received;
    assert.equal((await log(untrustedBase, { method: 'DELETE' })).status, 204);
    assert.deepEqual(await (await log(trustedBase)).json(), []);
    assert.equal(apps.received, kept, 'cleared in place');
    assert.equal(kept.length, 0);
  });

  test('rejects malformed bodies and other methods', async () => {
    const bad = await log(trustedBase, { method: 'POST', body: '{not json' });
    assert.equal(bad.status, 400);
    await bad.body?.cancel();
    const put = await log(trustedBase, { method: 'PUT', body: '{}' });
    assert.equal(put.status, 405);
    await put.body?.cancel();
    assert.equal(apps.received.length, 0);
  });
});

describe("Luigi's own micro frontends (vendored)", () => {
  const upstream = new URL('./upstream/luigi/', import.meta.url);
  const sums = readFileSync(new URL('SHA256SUMS', upstream), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => line.split(/\s+/))
    .map(([sum, path]) => [sum, path.replace(/^\.\//, '')]);

  test('each file is byte for byte the one recorded from Luigi v2.31.0, and served as is', async () => {
    assert.ok(sums.length >= 4);
    for (const [sum, path] of sums) {
      const bytes = readFileSync(new URL(path, upstream));
      assert.equal(createHash('sha256').update(bytes).digest('hex'), sum, path);
      if (path === 'LICENSE') continue;
      const res = await fetch(`${trustedBase}/upstream/luigi/${path}`);
      assert.equal(res.status, 200, path);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), bytes, path);
    }
  });

  test('serves Luigi client where the test pages load it, and nothing outside the list', async () => {
    const client = await fetch(`${trustedBase}/node_modules/@luigi-project/client/luigi-client.js`);
    assert.equal(client.status, 200);
    assert.match(await client.text(), /LuigiClient/);
    assert.equal((await rawGet(trustedBase, '/upstream/luigi/../server.mjs')).status, 404);
    assert.equal((await fetch(`${trustedBase}/upstream/luigi/README.md`)).status, 404);
    assert.equal((await fetch(`${trustedBase}/upstream/luigi/LICENSE`)).status, 404);
  });
});

describe('catalog files registered by URL', () => {
  test('serves the remote catalog file and the node settings document it points to', async () => {
    const yaml = await fetch(`${trustedBase}/remote/luigi-examples.yaml`);
    assert.equal(yaml.status, 200);
    assert.match(await yaml.text(), /\$text: \.\/luigi-sample1\.node\.json/);
    const json = await fetch(`${trustedBase}/remote/luigi-sample1.node.json`);
    assert.equal(json.status, 200);
    assert.match(json.headers.get('content-type'), /^application\/json/);
    assert.deepEqual((await json.json()).loadingIndicator, { enabled: false });
    assert.equal((await fetch(`${trustedBase}/remote/missing.json`)).status, 404);
    assert.equal((await rawGet(trustedBase, '/remote/..%2Fserver.mjs')).status, 404);
  });
});
