import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { LUIGI_AUDIT_EVENTS, LUIGI_JWKS_PATH, LUIGI_TOKENS_PATH } from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { auditableError } from '../audit/redactSecrets';
import { refusalFacts, refusalMeta } from '../audit/refusal';
import { UserScopedReads } from '../cache/userScopedReads';
import { guardedCatalog } from '../http/guardedCatalog';
import { publicError } from '../http/publicError';
import { jsonBodyReader } from '../http/readJsonBody';
import { readUserRequest } from '../http/readUserRequest';
import { issueMicroAppToken, IssuedMicroAppToken, TokenIssuerOptions } from './issueToken';
import { describeTokenRequest, readTokenRequest, subjectTokenOf } from './tokenRequest';

/** Seconds a verifier may cache the key set; new keys are published well before they sign (see keySchedule). */
export const JWKS_MAX_AGE_SECONDS = 60;

/** What the token routes need. */
export interface TokenRoutesOptions extends TokenIssuerOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  /** What may be shared across requests for seconds (see `UserScopedReads`). Absent: nothing. */
  reads?: UserScopedReads;
}

/**
 * The largest `POST /tokens` body, in bytes: a subject token of `MAX_SUBJECT_TOKEN_BYTES` and the
 * rest of the request fit many times over.
 */
export const TOKEN_BODY_LIMIT = 64 * 1024;

/**
 * `POST /tokens`: the signed-in user's token for one micro app, every request audited, refusals
 * before the body is read (no or invalid credentials, a body that is not JSON or too large) too:
 * `micro-app-open`, or `token-refresh` for a body that says `purpose: refresh`, of medium severity
 * either way (the client chooses the purpose, not how much its token matters). The plugin lets
 * unauthenticated requests reach the route (its auth policy), and the route refuses them (401) once
 * it has recorded them. `GET /.well-known/jwks.json`: the public keys that verify those tokens, for
 * anyone (the plugin adds the unauthenticated auth policy).
 */
export function createTokenRoutes(options: TokenRoutesOptions): express.Router {
  const { httpAuth, auditor } = options;
  const router = Router();
  const readBody = jsonBodyReader(TOKEN_BODY_LIMIT);
  // The catalog's own failures become plain answers (see guardedCatalog); the entity and the user's
  // info are kept for seconds, per user (see UserScopedReads).
  const { reads } = options;
  const catalog = guardedCatalog(options.catalog);
  const issuer: TokenIssuerOptions = {
    ...options,
    catalog: reads ? reads.catalog(catalog) : catalog,
    userInfo: reads ? reads.userInfo(options.userInfo) : options.userInfo,
  };

  router.post(LUIGI_TOKENS_PATH, async (req, res) => {
    // Nothing of a refused body is known, or to be trusted: recorded as an opening, the default purpose.
    const { credentials, request: body } = await readUserRequest(req, res, {
      httpAuth,
      auditor,
      eventId: LUIGI_AUDIT_EVENTS.microAppOpen,
      readBody,
      parse: raw => raw,
    });

    const asked = describeTokenRequest(body);
    // Whatever the body holds, no record and no message may quote the subject token.
    const secrets = [subjectTokenOf(body)];
    // Created before the checks, so that every refusal is recorded too. The auditor takes the actor
    // from the request's credentials; the body only says what was asked.
    const event = await auditor.createEvent({
      eventId: asked.purpose === 'open' ? LUIGI_AUDIT_EVENTS.microAppOpen : LUIGI_AUDIT_EVENTS.tokenRefresh,
      severityLevel: 'medium',
      request: req,
      meta: { ...asked },
    });

    let issued: IssuedMicroAppToken;
    try {
      issued = await issueMicroAppToken(issuer, readTokenRequest(body), credentials);
    } catch (error) {
      await event.fail({ error: auditableError(error, secrets), meta: refusalMeta(refusalFacts(error)) });
      throw publicError(error, secrets);
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
