import { AuditorService, AuditorServiceEventSeverityLevel } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { publicError } from '../http/publicError';
import { auditableError } from './redactSecrets';
import { refusalFacts, refusalMeta } from './refusal';

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

/** A refusal to record: see {@link recordRefusal}. */
export interface RefusalRecord {
  eventId: string;
  request: Request;
  /** Why the request was refused (marked with `refusal`, else told by its name). */
  error: unknown;
  /** What is known of the request; the refusal's facts (reason, …) are added. */
  meta?: JsonObject;
  /** Values no part of which the record or the answer may hold (a subject token). */
  secrets?: ReadonlyArray<string | undefined>;
}

/**
 * Records one refused (or failed) request, of medium severity so that Backstage's default auditor
 * settings log it, and returns what the client is answered with (see `publicError`): the route
 * throws that.
 */
export async function recordRefusal(auditor: AuditorService, record: RefusalRecord): Promise<Error> {
  const { eventId, request, error, meta = {}, secrets = [] } = record;
  await recordAuditEvent(auditor, {
    eventId,
    severityLevel: 'medium',
    request,
    meta: { ...meta, ...refusalMeta(refusalFacts(error)) },
    error: auditableError(error, secrets),
  });
  return publicError(error, secrets);
}
