import { AuditorService, AuthService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { FrameLimits, NO_CLIENT_PERMISSIONS, NO_TOKEN_AUDIENCES } from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { AccessMode } from './access/accessMode';
import { createAccessRoutes } from './access/accessRoutes';
import { AccessRequestConfig } from './accessRequests/accessRequestConfig';
import { AccessRequestNotifications } from './accessRequests/accessRequestNotifications';
import { createAccessRequestRoutes } from './accessRequests/accessRequestRoutes';
import { AccessRequestStore } from './accessRequests/accessRequestStore';
import { conditionsApplier, resolutionCache } from './access/applyConditions';
import { boundedAuditor } from './audit/boundedAuditor';
import { UserScopedReads } from './cache/userScopedReads';
import { createAdminWarningsRoute } from './policyCheck/adminWarningsRoute';
import { PolicyAlarm } from './policyCheck/policyAlarm';
import { RateLimitOptions, userRateLimit } from './rateLimit/userRateLimit';
import { ConfiguredTenant } from './tenants/configuredTenant';
import { createTenantRoutes } from './tenants/tenantRoutes';
import { TokenIssuerOptions } from './tokens/issueToken';
import { createTokenRoutes } from './tokens/tokenRoutes';
import { createRegistrationValidationRoute } from './registrations/registrationValidationRoute';

/** What the luigi backend plugin's routes need. */
export interface RouterOptions extends TokenIssuerOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  accessMode: AccessMode;
  /** `luigi.tenants`, in config order; empty: no tenants. */
  tenants: readonly ConfiguredTenant[];
  /**
   * Lets the routes resolve conditional decisions for all of a request's resources at once (with
   * `discovery`, on behalf of the user). Absent: the permission backend is asked about each.
   */
  auth?: AuthService;
  /** `luigi.frames`: what registrations may ask for their frames, for the validation route. Absent: nothing. */
  frameLimits?: FrameLimits;
  /** `luigi.rateLimit`. Absent: no limit. */
  rateLimit?: RateLimitOptions;
  /**
   * What the plugin found wrong with the permission policy (see `PolicyAlarm`), answered to admins at
   * `GET /admin/warnings`. Absent: that route answers no warnings.
   */
  alarm?: PolicyAlarm;
  /** `luigi.accessRequests`. Absent: access requests are off (the routes refuse new ones). */
  accessRequests?: AccessRequestConfig;
  /** Where access requests and grants are kept. Absent: no access request routes. */
  accessRequestStore?: AccessRequestStore;
  /** Tells owners of new requests and requesters of decisions. Absent: nobody is told. */
  accessRequestNotifications?: AccessRequestNotifications;
}

/**
 * The luigi backend plugin's routes: its health, the tenants the signed-in user may enter, access
 * decisions for them, their micro app tokens, the public keys that verify those, the check of a
 * `catalog-info.yaml` before it is registered, and the warnings about the permission policy its admins see. Every decision
 * and every token request is audited, once, refusals included (the plugin lets unauthenticated
 * requests reach those routes, which demand a user themselves), through a bounded auditor (see
 * `boundedAuditor`). Each route reads its own JSON body, within its own limit, inside the audited
 * part: there is no body parser before the routes. Each user's requests to the routes that work for
 * them are limited (`luigi.rateLimit`, see `userRateLimit`); catalog reads, user info and the
 * owner's resolution of conditional decisions are shared for seconds per user (`UserScopedReads`,
 * `conditionsApplier`), the policy is asked on every request.
 */
export function createRouter(options: RouterOptions): express.Router {
  const router = Router();
  const auditor = boundedAuditor(options.auditor, options.httpAuth);
  const routeOptions = {
    ...options,
    auditor,
    reads: new UserScopedReads(),
    ...(options.auth
      ? { applyConditions: conditionsApplier({ discovery: options.discovery, auth: options.auth, cache: resolutionCache() }) }
      : {}),
  };
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (options.rateLimit) router.use(userRateLimit({ ...options.rateLimit, httpAuth: options.httpAuth, auditor }));
  router.use(createTenantRoutes(routeOptions));
  router.use(createAccessRoutes(routeOptions));
  router.use(createTokenRoutes(routeOptions));
  if (options.accessRequestStore) {
    router.use(
      createAccessRequestRoutes({
        ...routeOptions,
        config: options.accessRequests,
        store: options.accessRequestStore,
        notifications: options.accessRequestNotifications,
      }),
    );
  }
  router.use(
    createRegistrationValidationRoute({
      httpAuth: options.httpAuth,
      allowedOrigins: options.allowedOrigins,
      frameLimits: options.frameLimits ?? { allow: [], sandbox: [] },
      clientPermissions: options.clientPermissions ?? NO_CLIENT_PERMISSIONS,
      claimRules: { tokenAudiences: options.tokenAudiences ?? NO_TOKEN_AUDIENCES, tenants: options.tenants },
    }),
  );
  router.use(
    createAdminWarningsRoute({
      httpAuth: options.httpAuth,
      permissions: options.permissions,
      accessMode: options.accessMode,
      warnings: () => options.alarm?.warnings() ?? [],
    }),
  );
  return router;
}
