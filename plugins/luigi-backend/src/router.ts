import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { luigiMicroFrontendOpenPermission } from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { AccessMode } from './access/accessMode';
import { decideAccess } from './access/decideAccess';
import { readEntityRefs } from './access/decisionsRequest';

/** What the luigi backend plugin's routes need. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  accessMode: AccessMode;
}

/**
 * The luigi backend plugin's routes: its health, and access decisions for the signed-in user.
 * Micro app tokens and their audit come next, behind the same router.
 */
export function createRouter({ httpAuth, permissions, accessMode }: RouterOptions): express.Router {
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
    const decisions = await decideAccess(entityRefs, accessMode, refs =>
      permissions.authorize(
        refs.map(resourceRef => ({ permission: luigiMicroFrontendOpenPermission, resourceRef })),
        { credentials },
      ),
    );
    res.json({ mode: accessMode, decisions });
  });
  return router;
}
