import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { DefaultAuditorService } from '@backstage/backend-defaults/auditor';
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The dev backend's auditor: with `devPortal.auditLogFile` set, every plugin's audit events go to
 * that file, one JSON object per line (the browser tests read it); without it, to the plugin's log
 * with `isAuditEvent: true`, as Backstage's default auditor does. The "send them to a log of their
 * own" example of docs/audit.md is this factory.
 */
export const devAuditorServiceFactory = createServiceFactory({
  service: coreServices.auditor,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    plugin: coreServices.pluginMetadata,
  },
  factory({ config, logger, auth, httpAuth, plugin }) {
    const file = config.getOptionalString('devPortal.auditLogFile');
    const auditLogger = logger.child({ isAuditEvent: true });
    return DefaultAuditorService.create(
      event => {
        // A failed event carries an Error: keep its message, JSON has no place for the object.
        const { error, ...rest } = event as typeof event & { error?: Error };
        const record = { ...rest, ...(error ? { error: error.message } : {}) };
        if (file) {
          appendFileSync(resolve(file), `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
        } else {
          auditLogger.info(`${event.plugin}.${event.eventId}`, record);
        }
      },
      { auth, httpAuth, plugin },
    );
  },
});
