// The dev portal's scaffolded apps (/scaffolded/ of the sample server): what its publish action
// uploads is served as a repository serves catalog-info.yaml, and otherwise by the template's own
// server code, whose token check accepts only its own audience and tenant. Run with
// `node --test dev/microApps/scaffoldedApps.test.mjs`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { startMicroApps } from './server.mjs';

const SKELETON = fileURLToPath(new URL('../../templates/luigi-micro-app/skeleton/', import.meta.url));

/** The skeleton's code as fetch:template copies it (the *.njk templates are rendered by the test). */
function skeletonCode() {
  const files = [];
  const walk = dir => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.njk')) files.push({ path: relative(SKELETON, path), content: readFileSync(path).toString('base64') });
    }
  };
  walk(SKELETON);
  return files;
}

const text = (path, value) => ({ path, content: Buffer.from(value).toString('base64') });

let apps;
let base;
let keys;
let issuer;
let jwksServer;

before(async () => {
  // The portal's luigi backend, as far as the app sees it: its keys below its issuer.
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  keys = privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
  jwksServer = createServer((req, res) => {
    res.writeHead(req.url === '/api/luigi/.well-known/jwks.json' ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(jwks);
  });
  await new Promise(resolve => jwksServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${jwksServer.address().port}/api/luigi`;
  apps = await startMicroApps({ trustedPort: 0, untrustedPort: 0 });
  base = `http://127.0.0.1:${new URL(apps.trustedOrigin).port}`;
});

after(async () => {
  await apps?.close();
  jwksServer?.close();
});

const upload = (name, files, headers = {}) =>
  fetch(`${base}/scaffolded/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ files }),
  });

const token = (claims, audience = 'component:default/new-app') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject('user:default/alice')
    .setExpirationTime('1m')
    .sign(keys);

const me = async bearer => {
  const response = await fetch(`${base}/scaffolded/new-app/api/me`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: response.status, body: await response.json() };
};

describe('scaffolded apps', () => {
  test('serve the upload: catalog-info.yaml as written, the page and the token check by the generated server', async () => {
    const settings = { name: 'new-app', issuer, audience: 'component:default/new-app', tenant: 'commerce' };
    const catalogInfo = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: new-app }\n';
    const response = await upload('new-app', [
      ...skeletonCode(),
      text('micro-app.json', JSON.stringify(settings)),
      text('catalog-info.yaml', catalogInfo),
    ]);
    assert.equal(response.status, 201);
    const origin = apps.trustedOrigin;
    assert.deepEqual(await response.json(), {
      remoteUrl: `${origin}/scaffolded/new-app/`,
      catalogInfoUrl: `${origin}/scaffolded/new-app/catalog-info.yaml`,
    });
    assert.equal(await (await fetch(`${base}/scaffolded/new-app/catalog-info.yaml`)).text(), catalogInfo);
    const page = await fetch(`${base}/scaffolded/new-app/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script src="luigi-client.js"><\/script>/);
    assert.equal((await fetch(`${base}/scaffolded/new-app/luigi-client.js`)).status, 200);

    const accepted = await me(await token({ tenant: 'commerce', ent: ['user:default/alice', 'group:default/team-orders'] }));
    assert.equal(accepted.status, 200);
    assert.deepEqual(accepted.body, {
      verified: true,
      user: 'user:default/alice',
      ownership: ['user:default/alice', 'group:default/team-orders'],
      tenant: 'commerce',
      audience: 'component:default/new-app',
      expiresAt: accepted.body.expiresAt,
    });
    // Another app's token, another tenant's, none: refused, with the reason.
    const otherApp = await me(await token({ tenant: 'commerce' }, 'component:default/orders'));
    assert.deepEqual([otherApp.status, otherApp.body.verified], [401, false]);
    assert.match(otherApp.body.error, /^ERR_JWT_CLAIM_VALIDATION_FAILED: .*aud/);
    assert.match((await me(await token({ tenant: 'logistics' }))).body.error, /tenant "logistics", this app serves "commerce"/);
    assert.deepEqual(await me(), { status: 401, body: { verified: false, error: 'no bearer token' } });
  });

  test('keep the files in a temporary folder of their own, removed on close', async () => {
    const other = await startMicroApps({ trustedPort: 0, untrustedPort: 0 });
    const otherBase = `http://127.0.0.1:${new URL(other.trustedOrigin).port}`;
    const response = await fetch(`${otherBase}/scaffolded/kept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [text('catalog-info.yaml', 'kept')] }),
    });
    assert.equal(response.status, 201);
    const kept = readdirSync(tmpdir())
      .filter(name => name.startsWith('luigi-dev-scaffolded-'))
      .map(name => join(tmpdir(), name))
      .find(dir => existsSync(join(dir, 'kept-1', 'catalog-info.yaml')) && readFileSync(join(dir, 'kept-1', 'catalog-info.yaml'), 'utf8') === 'kept');
    assert.ok(kept, 'the upload is in a temporary folder');
    await other.close();
    assert.equal(existsSync(kept), false);
  });

  test('take uploads from the dev backend only, inside the app folder', async () => {
    const files = [text('catalog-info.yaml', 'x')];
    assert.equal((await upload('from-a-page', files, { origin: 'http://localhost:3000' })).status, 403);
    assert.equal((await upload('not-json', files, { 'content-type': 'text/plain' })).status, 403);
    assert.equal((await upload('escape', [text('../outside.yaml', 'x')])).status, 400);
    assert.equal((await upload('escape', [text('/etc/outside.yaml', 'x')])).status, 400);
    assert.equal((await upload('Not_A_Name', files)).status, 404);
    assert.equal((await fetch(`${base}/scaffolded/never-uploaded/`)).status, 404);
  });
});
