import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { AccessMode } from './access/accessMode';
import { authorizeOpen } from './access/authorizeOpen';
import { decideAccess } from './access/decideAccess';
import { readEntityRefs } from './access/decisionsRequest';
import { TokenIssuerOptions } from './tokens/issueToken';
import { createTokenRoutes } from './tokens/tokenRoutes';

/** What the luigi backend plugin's routes need. */
export interface RouterOptions extends TokenIssuerOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  accessMode: AccessMode;
}

/**
 * The luigi backend plugin's routes: its health, access decisions for the signed-in user, the
 * user's micro app tokens and the public keys that verify them. Their audit comes next, behind the
 * same router.
 */
export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, permissions, accessMode } = options;
  const router = Router();
  router.use(express.json({ limit: '2mb' }));
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Which of these entities' micro frontends may the signed-in user open? Asked with the user's
  // own credentials: a service or an anonymous caller gets no answer.
  router.post('/access/decisions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRefs = readEntityRefs(req.body);
    const decisions = await decideAccess(entityRefs, accessMode, authorizeOpen(permissions, credentials));
    res.json({ mode: accessMode, decisions });
  });

  router.use(createTokenRoutes(options));
  return router;
}
