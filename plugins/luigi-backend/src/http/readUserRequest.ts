import { AuditorService, BackstageCredentials, BackstageUserPrincipal, HttpAuthService } from '@backstage/backend-plugin-api';
import { Request, Response } from 'express';
import { userCredentials } from '../access/userCredentials';
import { recordRefusal } from '../audit/recordAuditEvent';

/** How an audited route reads who asks and what: see {@link readUserRequest}. */
export interface UserRequestReading<T> {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  /** The route's audit event, under which a request refused here is recorded. */
  eventId: string;
  /** Reads the JSON body within the route's limit (`jsonBodyReader`). */
  readBody: (req: Request, res: Response) => Promise<unknown>;
  /** Reads the route's request from the body; throws an InputError for anything else. */
  parse: (body: unknown) => T;
}

/**
 * The signed-in user's credentials and the request they sent, for an audited route. A caller that is
 * no signed-in user is refused before their body is read; a body that is no JSON, too large or not
 * the route's request is refused too; each refusal is recorded once, with nothing of the body, and
 * thrown as the client's answer.
 */
export async function readUserRequest<T>(
  req: Request,
  res: Response,
  reading: UserRequestReading<T>,
): Promise<{ credentials: BackstageCredentials<BackstageUserPrincipal>; request: T }> {
  try {
    const credentials = await userCredentials(reading.httpAuth, req);
    return { credentials, request: reading.parse(await reading.readBody(req, res)) };
  } catch (error) {
    throw await recordRefusal(reading.auditor, { eventId: reading.eventId, request: req, error });
  }
}
