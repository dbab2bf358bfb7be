import { exportJWK, generateKeyPair } from 'jose';
import { privateKeySealing } from './privateKeySealing';

const SECRET = 'a-test-secret-of-more-than-32-characters';

async function privateJwk() {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return exportJWK(privateKey);
}

/** The compact JWE's parts: protected header, encrypted key, iv, ciphertext, tag. */
const partsOf = (jwe: string) => jwe.split('.');
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('privateKeySealing', () => {
  it('seals a private JWK as a compact JWE (dir, A256GCM) naming its kid, with no plain key material', async () => {
    const jwk = await privateJwk();
    const jwe = await privateKeySealing(SECRET).seal('kid-1', jwk);
    const [header, encryptedKey] = partsOf(jwe);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'dir',
      enc: 'A256GCM',
      kid: 'kid-1',
      cty: 'jwk+json',
    });
    expect(encryptedKey).toBe('');
    for (const value of [jwk.d!, Buffer.from(jwk.d!, 'base64url').toString('hex'), SECRET]) {
      expect(jwe).not.toContain(value);
      expect(Buffer.from(jwe).toString('base64')).not.toContain(value);
    }
    // A fresh IV each time: one key sealed twice gives two ciphertexts.
    expect(await privateKeySealing(SECRET).seal('kid-1', jwk)).not.toBe(jwe);
  });

  it('opens what it sealed, with the same secret (another process, another replica)', async () => {
    const jwk = await privateJwk();
    const jwe = await privateKeySealing(SECRET).seal('kid-1', jwk);
    expect(await privateKeySealing(SECRET).open('kid-1', jwe)).toEqual(jwk);
  });

  it('refuses it under another secret', async () => {
    const jwe = await privateKeySealing(SECRET).seal('kid-1', await privateJwk());
    await expect(privateKeySealing(`${SECRET}!`).open('kid-1', jwe)).rejects.toThrow();
  });

  it('refuses it for another kid: a ciphertext moved to another row does not open', async () => {
    const jwe = await privateKeySealing(SECRET).seal('kid-1', await privateJwk());
    await expect(privateKeySealing(SECRET).open('kid-2', jwe)).rejects.toThrow(/sealed for kid-1/);
  });

  it('refuses it with its header rewritten to name another kid (the header is authenticated)', async () => {
    const jwe = await privateKeySealing(SECRET).seal('kid-1', await privateJwk());
    const [, ...rest] = partsOf(jwe);
    const moved = [base64url({ alg: 'dir', enc: 'A256GCM', kid: 'kid-2', cty: 'jwk+json' }), ...rest].join('.');
    await expect(privateKeySealing(SECRET).open('kid-2', moved)).rejects.toThrow();
  });

  it.each([
    ['ciphertext', 3],
    ['tag', 4],
    ['iv', 2],
  ])('refuses it with its %s altered', async (_part, index) => {
    const jwe = await privateKeySealing(SECRET).seal('kid-1', await privateJwk());
    const parts = partsOf(jwe);
    const bytes = Buffer.from(parts[index], 'base64url');
    bytes[0] ^= 1;
    parts[index] = bytes.toString('base64url');
    await expect(privateKeySealing(SECRET).open('kid-1', parts.join('.'))).rejects.toThrow();
  });

  it('refuses what is not a JWE of its kind', async () => {
    const sealing = privateKeySealing(SECRET);
    await expect(sealing.open('kid-1', '{"kty":"EC"}')).rejects.toThrow();
    const jwe = await sealing.seal('kid-1', await privateJwk());
    const [, ...rest] = partsOf(jwe);
    const otherEnc = [base64url({ alg: 'dir', enc: 'A128GCM', kid: 'kid-1' }), ...rest].join('.');
    await expect(sealing.open('kid-1', otherEnc)).rejects.toThrow();
  });
});
