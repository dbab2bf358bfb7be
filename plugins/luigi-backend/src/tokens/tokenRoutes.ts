import { HttpAuthService } from '@backstage/backend-plugin-api';
import { LUIGI_JWKS_PATH, LUIGI_TOKENS_PATH } from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { issueMicroAppToken, TokenIssuerOptions } from './issueToken';
import { readTokenRequest } from './tokenRequest';

/** Seconds a verifier may cache the key set; new keys are published well before they sign (see keySchedule). */
export const JWKS_MAX_AGE_SECONDS = 60;

/** What the token routes need. */
export interface TokenRoutesOptions extends TokenIssuerOptions {
  httpAuth: HttpAuthService;
}

/**
 * `POST /tokens`: the signed-in user's token for one micro app. `GET /.well-known/jwks.json`: the
 * public keys that verify those tokens, for anyone (the plugin adds the unauthenticated auth policy).
 */
export function createTokenRoutes(options: TokenRoutesOptions): express.Router {
  const router = Router();

  router.post(LUIGI_TOKENS_PATH, async (req, res) => {
    // Only a signed-in user gets a token about themselves: a service or anonymous caller is refused.
    const credentials = await options.httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = readTokenRequest(req.body);
    const token = await issueMicroAppToken(options, entityRef, credentials);
    // A bearer credential: no cache (browser, proxy) may keep it.
    res.set('Cache-Control', 'no-store').json(token);
  });

  router.get(LUIGI_JWKS_PATH, async (_req, res) => {
    const keys = await options.signingKeys.publicKeys();
    // Public keys only: any origin may read them, so micro apps can verify in the browser too.
    res
      .set({
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': `public, max-age=${JWKS_MAX_AGE_SECONDS}`,
      })
      .json({ keys });
  });

  return router;
}
