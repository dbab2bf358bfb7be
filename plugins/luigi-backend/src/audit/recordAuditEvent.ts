import { AuditorService, AuditorServiceEventSeverityLevel } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

/** One finished audit event: what happened, and whether it succeeded or why not. */
export interface AuditRecord {
  eventId: string;
  severityLevel: AuditorServiceEventSeverityLevel;
  /** The request: the auditor takes the actor from its credentials, never from its body. */
  request: Request;
  meta: JsonObject;
  /** Present when the event failed: an error fit for the trail (see `auditableError`). */
  error?: Error;
}

/**
 * Records an event whose outcome is already known (created, then succeeded or failed at once), for
 * routes whose severity depends on the outcome.
 */
export async function recordAuditEvent(auditor: AuditorService, record: AuditRecord): Promise<void> {
  const { eventId, severityLevel, request, meta, error } = record;
  const event = await auditor.createEvent({ eventId, severityLevel, request, meta });
  if (error) await event.fail({ error });
  else await event.success();
}
