// Self-check of the sample micro app server: routes, status codes, headers and
// the recorder log cycle. Run with `node --test dev/microApps/`.
//
// Requests go to 127.0.0.1 (what the server binds to) rather than the reported
// `localhost` origin, so the test does not depend on how localhost resolves.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMicroApps } from './server.mjs';
import { APP_NAMES } from './appPage.mjs';

let apps;
let trustedBase;
let untrustedBase;

const portOf = origin => new URL(origin).port;

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

    test('/app.js and /recorder.js are served as JavaScript', async () => {
      for (const path of ['/app.js', '/recorder.js']) {
        const res = await get(path);
        assert.equal(res.status, 200, path);
        assert.match(res.headers.get('content-type'), /^text\/javascript/, path);
      }
      assert.match(await (await get('/app.js')).text(), /linkManager\(\)\.navigate/);
      assert.match(await (await get('/recorder.js')).text(), /\/recorder\/log/);
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
          assert.doesNotMatch(html, /recorder\.js/);
          for (const id of ['context', 'token', 'status', 'context-updates', 'load-id', 'path', 'alert']) {
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
      for (const other of APP_NAMES) assert.match(html, new RegExp(`id="go-${other}"`));
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
