import { InputError } from '@backstage/errors';
import { LuigiAccessRequestInput, MAX_ACCESS_REQUEST_TEXT } from 'backstage-plugin-luigi-common';
import { validEntityRef } from '../http/readEntityRef';

/** The largest body of the access request routes, in bytes: a ref, a number and two short texts. */
export const ACCESS_REQUEST_BODY_LIMIT = 8 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An optional text of at most MAX_ACCESS_REQUEST_TEXT characters, trimmed; empty is absent. */
function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InputError(`${field} must be text`);
  const text = value.trim();
  if (text.length > MAX_ACCESS_REQUEST_TEXT) throw new InputError(`${field} is longer than ${MAX_ACCESS_REQUEST_TEXT} characters`);
  return text || undefined;
}

/** `POST /access-requests`: the app's entity ref (normalized), the duration in minutes, a reason. */
export function readAccessRequestInput(body: unknown): LuigiAccessRequestInput {
  if (!isObject(body)) throw new InputError('The body must be a JSON object');
  const entityRef = validEntityRef(body.entityRef);
  if (!entityRef) throw new InputError('entityRef is not an entity ref');
  const { durationMinutes } = body;
  if (typeof durationMinutes !== 'number' || !Number.isInteger(durationMinutes) || durationMinutes < 1) {
    throw new InputError('durationMinutes must be a whole number of minutes');
  }
  const reason = optionalText(body.reason, 'reason');
  return { entityRef, durationMinutes, ...(reason ? { reason } : {}) };
}

/** `POST /access-requests/:id/decision`: approve or deny, with a note for the requester. */
export function readAccessRequestDecision(body: unknown): { approve: boolean; note?: string } {
  if (!isObject(body)) throw new InputError('The body must be a JSON object');
  if (body.decision !== 'approve' && body.decision !== 'deny') throw new InputError("decision must be 'approve' or 'deny'");
  const note = optionalText(body.note, 'note');
  return { approve: body.decision === 'approve', ...(note ? { note } : {}) };
}

/** A request or grant id from the path: a UUID, else refused before any lookup. */
export function readRecordId(value: unknown): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) {
    throw new InputError('Not an access request or grant id');
  }
  return value;
}
