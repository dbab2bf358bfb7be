import { decodeJwt } from 'jose';

/** The longest `jti` passed on as token id: it is recorded, so it must stay a short id. */
const MAX_TOKEN_ID_LENGTH = 256;

/**
 * What a token says about itself, if it is a signed JWT: its expiry (milliseconds since the epoch) and
 * its id. Read without verifying the signature: the token comes straight from the configured token
 * endpoint, and these hints only schedule its refresh and name it in the audit record; the micro app
 * verifies it. Empty for an opaque or encrypted token.
 */
export function readJwtHints(token: string): { expiresAt?: number; tokenId?: string } {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(token);
  } catch {
    return {};
  }
  const { exp, jti } = claims;
  return {
    expiresAt: typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined,
    tokenId:
      typeof jti === 'string' && jti.length > 0 && jti.length <= MAX_TOKEN_ID_LENGTH && /^[\x21-\x7E]+$/.test(jti)
        ? jti
        : undefined,
  };
}
