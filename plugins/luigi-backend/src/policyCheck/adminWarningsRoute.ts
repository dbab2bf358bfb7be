import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  LUIGI_ADMIN_WARNINGS_PATH,
  luigiAdminReadPermission,
  LuigiAdminWarning,
  LuigiAdminWarnings,
} from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { AccessMode } from '../access/accessMode';

/** What the admin warnings route needs. */
export interface AdminWarningsRouteOptions {
  httpAuth: HttpAuthService;
  /** Asks the policy about `luigi.admin.read` with the user's credentials. */
  permissions: PermissionsService;
  accessMode: AccessMode;
  /** This replica's current warnings (see `PolicyAlarm.warnings`). */
  warnings(): LuigiAdminWarning[];
}

/**
 * `GET /admin/warnings`: the current admin warnings (a policy that lets everybody in), for a signed-in
 * user the policy allows `luigi.admin.read`; `{ "warnings": [] }` for any other user, the same answer
 * as when nothing is wrong, so it tells them nothing. Only under the permission framework: the closed
 * and open-to-every-signed-in-user modes have their own notice on the page. The policy is asked only
 * while there is something to show. A service or an anonymous caller gets no answer (403, 401).
 */
export function createAdminWarningsRoute(options: AdminWarningsRouteOptions): express.Router {
  const { httpAuth, permissions, accessMode } = options;
  const router = Router();
  router.get(LUIGI_ADMIN_WARNINGS_PATH, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.setHeader('Cache-Control', 'no-store');
    const current = accessMode === 'permission-framework' ? options.warnings() : [];
    if (current.length === 0) {
      res.json({ warnings: [] } satisfies LuigiAdminWarnings);
      return;
    }
    const [decision] = await permissions.authorize([{ permission: luigiAdminReadPermission }], { credentials });
    const warnings = decision?.result === AuthorizeResult.ALLOW ? current : [];
    res.json({ warnings } satisfies LuigiAdminWarnings);
  });
  return router;
}
