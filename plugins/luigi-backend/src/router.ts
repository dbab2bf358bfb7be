import { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { AccessMode } from './access/accessMode';
import { createAccessRoutes } from './access/accessRoutes';
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
 * and every token request is audited.
 */
export function createRouter(options: RouterOptions): express.Router {
  const router = Router();
  router.use(express.json({ limit: '2mb' }));
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(createTenantRoutes(options));
  router.use(createAccessRoutes(options));
  router.use(createTokenRoutes(options));
  return router;
}
