import { compactDecrypt, CompactEncrypt, JWK } from 'jose';
import { hkdfSync } from 'node:crypto';

/**
 * HKDF salt and info of the content key. Changing either makes every stored private key undecryptable
 * (each would be replaced, as after a change of the secret).
 */
const HKDF_SALT = 'backstage-plugin-luigi-backend';
const HKDF_INFO = 'luigi signing keys';

/**
 * Encrypts the private halves of signing keys for the database and decrypts them again. Each one is a
 * compact JWE (`dir`, `A256GCM`) whose protected header, authenticated with the ciphertext, names the
 * key's `kid`: a private half moved to another key's row, or altered, is refused.
 */
export interface PrivateKeySealing {
  /** The private JWK of key `kid`, encrypted. */
  seal(kid: string, privateJwk: JWK): Promise<string>;
  /** The private JWK sealed for key `kid`. Throws when `jwe` is not that, under this secret. */
  open(kid: string, jwe: string): Promise<JWK>;
}

/**
 * The sealing of `secret` (`luigi.tokens.keyEncryptionSecret`): its 256-bit content key is derived with
 * HKDF-SHA256, so any string of enough entropy will do and the secret itself never encrypts anything.
 */
export function privateKeySealing(secret: string): PrivateKeySealing {
  const key = new Uint8Array(hkdfSync('sha256', secret, HKDF_SALT, HKDF_INFO, 32));
  return {
    async seal(kid, privateJwk) {
      return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(privateJwk)))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid, cty: 'jwk+json' })
        .encrypt(key);
    },
    async open(kid, jwe) {
      const { plaintext, protectedHeader } = await compactDecrypt(jwe, key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      // The header is authenticated: a mismatch means this ciphertext was sealed for another key.
      if (protectedHeader.kid !== kid) {
        throw new Error(`The private key stored for ${kid} was sealed for ${protectedHeader.kid}`);
      }
      return JSON.parse(new TextDecoder().decode(plaintext)) as JWK;
    },
  };
}
