import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  LUIGI_ACCESS_GRANTS_PATH,
  LUIGI_ACCESS_REQUESTS_PATH,
  LUIGI_JWKS_PATH,
  LUIGI_TENANTS_PATH,
  LUIGI_TOKENS_PATH,
  luigiAccessRequestDecidePermission,
  luigiAdminReadPermission,
} from 'backstage-plugin-luigi-common';
import { readAccessMode } from './access/accessMode';
import { readAccessRequestConfig } from './accessRequests/accessRequestConfig';
import { AccessRequestStore } from './accessRequests/accessRequestStore';
import { scheduleGrantExpiries } from './accessRequests/grantExpiries';
import { AccessRequestNotifications } from './accessRequests/accessRequestNotifications';
import { notificationService } from '@backstage/plugin-notifications-node';
import { boundedAuditor } from './audit/boundedAuditor';
import { readRegistrationRules } from './config/readRegistrationRules';
import { TokenExchangeMinter } from './exchange';
import { readRateLimit } from './rateLimit/userRateLimit';
import { hasAllowAllPolicyModule } from './policyCheck/allowAllModule';
import { PolicyAlarm } from './policyCheck/policyAlarm';
import { readPolicyAllowsEveryoneOnPurpose } from './policyCheck/policyCheckConfig';
import { allowAllModuleWarning } from './policyCheck/policyWarnings';
import { watchOpenDecisions } from './policyCheck/watchOpenDecisions';
import { createRouter } from './router';
import { registerTenantResourceType } from './tenants/registerTenantResourceType';
import { createTokenMinter, readTokenIssuedBy } from './tokens/createTokenMinter';
import { readKeyEncryptionSecret } from './tokens/keyEncryptionSecret';
import { SigningTokenMinter } from './tokens/signingTokenMinter';
import { DatabaseSigningKeys } from './tokens/signingKeys';
import { readTokenConfig } from './tokens/tokenConfig';

/**
 * The luigi backend plugin (plugin id `luigi`), served under `/api/luigi`. Registers its
 * `luigi-tenant` resource type with `luigi.tenant.enter`, so RBAC tools list them and policies can
 * grant tenants by condition (the catalog module lists `luigi.micro-frontend.open` with the catalog's
 * rules); answers which tenants the user may enter and access decisions; issues each micro app its
 * own short-lived token (signed with keys it publishes at `/.well-known/jwks.json`, or obtained from
 * the identity provider); records every decision and token in the audit trail; and
 * warns (log, audit trail, the admins' page) when the permission policy lets everybody open every
 * micro app: the allow-all policy module at startup, an unconditional ALLOW for a user in no group
 * at run time.
 * Whatever it keeps lives in its database, so several backend replicas behave as one; only those
 * policy findings are each replica's own.
 * @public
 */
export const luigiPlugin = createBackendPlugin({
  pluginId: 'luigi',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        discovery: coreServices.discovery,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        instanceMetadata: coreServices.rootInstanceMetadata,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        auditor,
        config,
        logger,
        database,
        discovery,
        userInfo,
        auth,
        instanceMetadata,
        scheduler,
        catalog,
        notifications,
      }) {
        // Read before anything else starts, so a bad setting stops the backend with its message.
        const accessMode = readAccessMode(config);
        const { allowedOrigins, frameLimits, clientPermissions, claimRules } = readRegistrationRules(config, logger);
        const { tenants, tokenAudiences } = claimRules;
        const rateLimit = readRateLimit(config);
        const { lifetimeMs, keyRotationMs } = readTokenConfig(config);
        const issuedBy = readTokenIssuedBy(config);
        const keyEncryptionSecret = readKeyEncryptionSecret(config, issuedBy);
        const accessRequests = readAccessRequestConfig(config);
        // Reads (and checks) luigi.tokens.exchange now, when it is chosen: a bad setting stops startup.
        const exchangeMinter = issuedBy === 'identity-provider' ? TokenExchangeMinter.fromConfig(config) : undefined;

        // The tenant permission is the plugin's only resource permission: RBAC maps a conditional
        // policy's action `use` to the first one it finds. Opening a micro app is about a catalog
        // entity, so the catalog module lists it with the catalog's rules (IS_ENTITY_OWNER …).
        registerTenantResourceType(permissionsRegistry, tenants);
        // A basic permission (no resource type): who sees the admin warnings on the page.
        permissionsRegistry.addPermissions([luigiAdminReadPermission, luigiAccessRequestDecidePermission]);
        const onPurpose = readPolicyAllowsEveryoneOnPurpose(config);
        if (accessMode === 'closed') {
          logger.warn(
            'permission.enabled is not true: no user may open any micro frontend. Enable the permission ' +
              'framework with a policy, or set luigi.access.openToEverySignedInUser',
          );
        } else if (accessMode === 'open-to-every-signed-in-user') {
          logger.warn(
            'luigi.access.openToEverySignedInUser: every signed-in user may open every micro frontend' +
              (tenants.length > 0 ? ', and enter every tenant' : ''),
          );
        }

        // Admin by accident: only a policy can let everybody in by accident; the other modes say so above.
        const alarm = new PolicyAlarm({ logger, auditor: boundedAuditor(auditor, httpAuth), onPurpose });
        let watchedPermissions = permissions;
        if (accessMode === 'permission-framework') {
          if (await hasAllowAllPolicyModule(instanceMetadata)) {
            await alarm.report(allowAllModuleWarning(new Date()), { persistent: true });
          }
          watchedPermissions = watchOpenDecisions(permissions, { userInfo, alarm, logger });
        }

        const signingKeys = await DatabaseSigningKeys.create({
          database,
          logger,
          keyEncryptionSecret,
          timing: { keyRotationMs, tokenLifetimeMs: lifetimeMs },
        });
        const accessRequestStore = await AccessRequestStore.create({ database });
        if (accessRequests) {
          await scheduleGrantExpiries({ scheduler, store: accessRequestStore, auditor: boundedAuditor(auditor, httpAuth) });
        }
        const minter = createTokenMinter({
          issuedBy,
          luigiBackend: () => new SigningTokenMinter({ discovery, signingKeys, tokenLifetimeMs: lifetimeMs }),
          identityProvider: exchangeMinter ? () => exchangeMinter : undefined,
        });
        httpRouter.use(
          createRouter({
            httpAuth,
            permissions: watchedPermissions,
            alarm,
            auditor,
            accessMode,
            catalog,
            userInfo,
            discovery,
            signingKeys,
            minter,
            allowedOrigins,
            clientPermissions,
            frameLimits,
            tenants,
            tokenAudiences,
            tokenLifetimeMs: lifetimeMs,
            auth,
            rateLimit,
            accessRequests,
            accessRequestStore,
            accessRequestNotifications: new AccessRequestNotifications({
              notifications,
              logger,
              inboxLink: config.getOptionalString('luigi.accessRequests.inboxLink') ?? '/luigi',
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({ path: LUIGI_JWKS_PATH, allow: 'unauthenticated' });
        // The audited routes (tokens, tenant entry, decisions) demand a user themselves, after recording
        // the request: the default policy would refuse a caller without valid credentials unrecorded.
        const audited = [LUIGI_TOKENS_PATH, `${LUIGI_TENANTS_PATH}/enter`, '/access/decisions', LUIGI_ACCESS_REQUESTS_PATH, LUIGI_ACCESS_GRANTS_PATH];
        for (const path of audited) {
          httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
        }
      },
    });
  },
});
