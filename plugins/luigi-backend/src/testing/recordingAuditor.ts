import { AuditorServiceEventSeverityLevel, coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';

/** One audit event as the recording auditor kept it: every field the default auditor would log. */
export interface RecordedAuditEvent {
  plugin: string;
  eventId: string;
  severityLevel: AuditorServiceEventSeverityLevel;
  status: 'initiated' | 'succeeded' | 'failed';
  /** Resolved from the request's credentials, as Backstage's default auditor does. */
  actorId?: string;
  request?: { method: string; url: string };
  meta?: JsonObject;
  error?: { name: string; message: string; stack?: string };
}

/**
 * An auditor service factory that keeps every event in `events`, shaped like the events Backstage's
 * default auditor logs: the actor comes from the request's credentials through httpAuth (a request
 * whose credentials cannot be resolved makes `createEvent` throw, as there), and the meta of the
 * outcome is merged over that of the creation.
 */
export function recordingAuditor() {
  const events: RecordedAuditEvent[] = [];
  const factory = createServiceFactory({
    service: coreServices.auditor,
    deps: { httpAuth: coreServices.httpAuth, plugin: coreServices.pluginMetadata },
    factory({ httpAuth, plugin }) {
      return {
        async createEvent(options) {
          const { eventId, severityLevel = 'low', request, meta } = options;
          let actorId: string | undefined;
          if (request) {
            try {
              const credentials = await httpAuth.credentials(request);
              const principal = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
              actorId = principal.type === 'user' ? principal.userEntityRef : principal.subject;
            } catch (error) {
              throw new ForwardedError('Could not resolve credentials', error);
            }
          }
          const record = (status: RecordedAuditEvent['status'], extraMeta?: JsonObject, error?: Error) => {
            const merged = { ...meta, ...extraMeta };
            events.push({
              plugin: plugin.getId(),
              eventId,
              severityLevel,
              status,
              ...(actorId === undefined ? {} : { actorId }),
              ...(request ? { request: { method: request.method, url: request.originalUrl } } : {}),
              ...(Object.keys(merged).length === 0 ? {} : { meta: JSON.parse(JSON.stringify(merged)) }),
              ...(error ? { error: { name: error.name, message: error.message, stack: error.stack } } : {}),
            });
          };
          record('initiated');
          return {
            async success(params) {
              record('succeeded', params?.meta);
            },
            async fail(params) {
              record('failed', params.meta, params.error);
            },
          };
        },
      };
    },
  });
  return {
    factory,
    events,
    /** The succeeded and failed events, oldest first. */
    finished: () => events.filter(event => event.status !== 'initiated'),
    clear: () => {
      events.length = 0;
    },
  };
}
