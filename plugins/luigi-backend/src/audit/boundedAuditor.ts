import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { JsonObject, JsonValue } from '@backstage/types';
import { auditValue } from './auditValue';
import { auditableError, redactSecrets } from './redactSecrets';
import { bearerTokenOf, requestForAudit } from './requestForAudit';

/**
 * The meta of an audit event with every string in it (at any depth) an {@link auditValue} without
 * any part of the secrets: whatever a route puts there, a record stays bounded and printable.
 */
export function auditMeta(meta: JsonObject, secrets: ReadonlyArray<string | undefined> = []): JsonObject {
  const clean = (value: JsonValue | undefined): JsonValue | undefined => {
    if (typeof value === 'string') return auditValue(redactSecrets(auditValue(value), secrets));
    if (Array.isArray(value)) return value.map(item => clean(item) ?? null);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [auditValue(key), clean(item)]));
    }
    return value;
  };
  return clean(meta) as JsonObject;
}

/**
 * The auditor as the plugin's routes use it. Every request can be recorded: one whose credentials
 * cannot be resolved is recorded with an unauthenticated actor (see {@link requestForAudit}), where
 * Backstage's auditor would throw. Every `meta` is an {@link auditMeta}, every error an
 * `auditableError`, both without any part of the request's bearer token.
 */
export function boundedAuditor(auditor: AuditorService, httpAuth: HttpAuthService): AuditorService {
  return {
    async createEvent(options) {
      const secrets = options.request ? [bearerTokenOf(options.request)] : [];
      const event = await auditor.createEvent({
        ...options,
        ...(options.request ? { request: await requestForAudit(httpAuth, options.request) } : {}),
        ...(options.meta ? { meta: auditMeta(options.meta, secrets) } : {}),
      });
      return {
        success: params => event.success(params?.meta ? { meta: auditMeta(params.meta, secrets) } : params),
        fail: params =>
          event.fail({
            ...params,
            error: auditableError(params.error, secrets),
            ...(params.meta ? { meta: auditMeta(params.meta, secrets) } : {}),
          }),
      };
    },
  };
}
