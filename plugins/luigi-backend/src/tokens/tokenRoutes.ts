import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { LUIGI_AUDIT_EVENTS, LUIGI_JWKS_PATH, LUIGI_TOKENS_PATH } from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { userCredentials } from '../access/userCredentials';
import { auditableError, withoutSecrets } from '../audit/redactSecrets';
import { refusalFacts } from '../audit/refusal';
import { issueMicroAppToken, IssuedMicroAppToken, TokenIssuerOptions } from './issueToken';
import { describeTokenRequest, readTokenRequest, subjectTokenOf } from './tokenRequest';

/** Seconds a verifier may cache the key set; new keys are published well before they sign (see keySchedule). */
export const JWKS_MAX_AGE_SECONDS = 60;

/** What the token routes need. */
export interface TokenRoutesOptions extends TokenIssuerOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}

/**
 * `POST /tokens`: the signed-in user's token for one micro app, every request audited
 * (`micro-app-open`, or `token-refresh` for `purpose: refresh`). `GET /.well-known/jwks.json`: the
 * public keys that verify those tokens, for anyone (the plugin adds the unauthenticated auth policy).
 */
export function createTokenRoutes(options: TokenRoutesOptions): express.Router {
  const router = Router();

  router.post(LUIGI_TOKENS_PATH, async (req, res) => {
    const asked = describeTokenRequest(req.body);
    // Whatever the body holds, no record and no message may quote the subject token.
    const secrets = [subjectTokenOf(req.body)];
    const opening = asked.purpose === 'open';
    // Created before any check, so that every refusal is recorded too. The auditor takes the actor
    // from the request's credentials; the body only says what was asked.
    const event = await options.auditor.createEvent({
      eventId: opening ? LUIGI_AUDIT_EVENTS.microAppOpen : LUIGI_AUDIT_EVENTS.tokenRefresh,
      severityLevel: opening ? 'medium' : 'low',
      request: req,
      meta: { ...asked },
    });

    let issued: IssuedMicroAppToken;
    try {
      // Only a signed-in user gets a token about themselves: a service or anonymous caller is refused.
      const credentials = await userCredentials(options.httpAuth, req);
      issued = await issueMicroAppToken(options, readTokenRequest(req.body), credentials);
    } catch (error) {
      const { reason, entityTenant } = refusalFacts(error);
      await event.fail({
        error: auditableError(error, secrets),
        meta: { reason, ...(entityTenant === undefined ? {} : { entityTenant }) },
      });
      throw withoutSecrets(error, secrets);
    }

    const { answer, tokenId, issuedBy } = issued;
    // Recorded before the answer: a token is never handed out unrecorded.
    await event.success({
      meta: {
        entityRef: answer.entityRef,
        tenant: answer.tenant,
        purpose: asked.purpose,
        audience: answer.audience,
        tokenId,
        expiresAt: new Date(answer.expiresAt).toISOString(),
        issuedBy,
      },
    });
    // A bearer credential: no cache (browser, proxy) may keep it.
    res.set('Cache-Control', 'no-store').json(answer);
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
