// `npm start`'s wait for the portal: ready only once every server answers.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, describe, test } from 'node:test';
import { answers, waitUntilAnswering } from './readiness.mjs';

const servers = [];
after(() => Promise.all(servers.map(server => new Promise(resolve => server.close(resolve)))));

/** A local server that answers 503 (or nothing, `hangUntilReady`) until `readyAfterMs` have passed, then 200. */
async function lateServer(readyAfterMs, { hangUntilReady = false } = {}) {
  const readyAt = Date.now() + readyAfterMs;
  const server = createServer((request, response) => {
    if (Date.now() >= readyAt) return response.end('ok');
    if (hangUntilReady) return setTimeout(() => response.end('late'), readyAt - Date.now());
    response.statusCode = 503;
    response.end('starting');
  });
  servers.push(server);
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${server.address().port}/`;
}

/** A port nothing listens on (yet). */
async function closedPort() {
  const server = createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}

describe('waitUntilAnswering', () => {
  test('resolves only once every server answers 2xx, not while one still starts', async () => {
    const early = await lateServer(0);
    const late = await lateServer(1200);
    const started = Date.now();
    await waitUntilAnswering([early, late], { intervalMs: 100 });
    assert.ok(Date.now() - started >= 1100, `waited ${Date.now() - started} ms`);
    assert.equal(await answers(late), true);
  });

  test('waits for a server that is not listening yet, and one that holds requests while it bundles', async () => {
    const url = await closedPort();
    const { port } = new URL(url);
    const holding = await lateServer(800, { hangUntilReady: true });
    setTimeout(() => {
      const server = createServer((request, response) => response.end('ok'));
      servers.push(server);
      server.listen(Number(port), '127.0.0.1');
    }, 600);
    const started = Date.now();
    await waitUntilAnswering([url, holding], { intervalMs: 100 });
    assert.ok(Date.now() - started >= 500, `waited ${Date.now() - started} ms`);
  });

  test('says once which servers it is still waiting for when they are slow', async () => {
    const late = await lateServer(900);
    const slow = [];
    await waitUntilAnswering([late], { intervalMs: 100, slowAfterMs: 300, onSlow: waiting => slow.push(waiting) });
    assert.deepEqual(slow, [[late]]);
  });

  test('gives up when the process it waits for exits first', async () => {
    const never = await lateServer(60_000);
    const exited = new Promise(resolve => setTimeout(() => resolve(1), 300));
    await assert.rejects(waitUntilAnswering([never], { intervalMs: 100, exited }), /stopped \(1\) before .* answered/);
  });

  test('gives up after its time limit', async () => {
    const never = await closedPort();
    await assert.rejects(waitUntilAnswering([never], { intervalMs: 100, timeoutMs: 300 }), /did not answer within 300 ms/);
  });
});
