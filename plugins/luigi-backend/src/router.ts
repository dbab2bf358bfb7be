import { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { AccessMode } from './access/accessMode';
import { createAccessRoutes } from './access/accessRoutes';
import { boundedAuditor } from './audit/boundedAuditor';
import { ConfiguredTenant } from './tenants/configuredTenant';
import { createTenantRoutes } from './tenants/tenantRoutes';
import { TokenIssuerOptions } from './tokens/issueToken';
import { createTokenRoutes } from './tokens/tokenRoutes';

/** What the luigi backend plugin's routes need. */
export interface RouterOptions extends TokenIssuerOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  accessMode: AccessMode;
  /** `luigi.tenants`, in config order; empty: no tenants. */
  tenants: readonly ConfiguredTenant[];
}

/**
 * The luigi backend plugin's routes: its health, the tenants the signed-in user may enter, access
 * decisions for them, their micro app tokens and the public keys that verify those. Every decision
 * and every token request is audited, once, refusals included (the plugin lets unauthenticated
 * requests reach those routes, which demand a user themselves), through a bounded auditor (see
 * `boundedAuditor`). Each route reads its own JSON body, within its own limit, inside the audited
 * part: there is no body parser before the routes.
 */
export function createRouter(options: RouterOptions): express.Router {
  const router = Router();
  const routeOptions = { ...options, auditor: boundedAuditor(options.auditor, options.httpAuth) };
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(createTenantRoutes(routeOptions));
  router.use(createAccessRoutes(routeOptions));
  router.use(createTokenRoutes(routeOptions));
  return router;
}
