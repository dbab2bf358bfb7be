import {
  LUIGI_TOKEN_ALGORITHM,
  LUIGI_TOKEN_TYPE,
  LuigiMicroAppTokenClaims,
} from 'backstage-plugin-luigi-common';
import { SignJWT } from 'jose';
import { SigningKey } from './signingKeys';

/**
 * Signs a micro app token: the claims as given, header `{ alg: 'ES256', kid, typ: 'JWT' }`.
 * @public
 */
export async function signMicroAppToken(key: SigningKey, claims: LuigiMicroAppTokenClaims): Promise<string> {
  const { iss, sub, aud, iat, exp, jti, ...custom } = claims;
  return new SignJWT({ ...custom })
    .setProtectedHeader({ alg: LUIGI_TOKEN_ALGORITHM, kid: key.kid, typ: LUIGI_TOKEN_TYPE })
    .setIssuer(iss)
    .setSubject(sub)
    .setAudience(aud)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key.privateKey);
}
