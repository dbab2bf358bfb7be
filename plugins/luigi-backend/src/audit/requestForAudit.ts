import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Request } from 'express';

/** The headers that carry credentials, which a request's audit view leaves out. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie'];

/**
 * The request as the auditor should see it. Backstage's auditor resolves the actor from the
 * request's credentials and throws for credentials it cannot resolve (a garbage or expired token),
 * which would turn a refusal into a 500 with no record. So: the request itself when its credentials
 * resolve (a user, a service, or none), else a view of it without its credential headers, which
 * the auditor records with an unauthenticated actor (method, URL, IP and user agent stay).
 */
export async function requestForAudit(httpAuth: HttpAuthService, request: Request): Promise<Request> {
  try {
    await httpAuth.credentials(request);
    return request;
  } catch {
    const headers = { ...request.headers };
    for (const name of CREDENTIAL_HEADERS) delete headers[name];
    // Everything else (ip, originalUrl, get()) is read through the prototype: the request itself.
    return Object.create(request, { headers: { value: headers, enumerable: true } }) as Request;
  }
}

/** The bearer token of a request, if it has one: a secret no record may hold any part of. */
export function bearerTokenOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' ? header.match(/^Bearer[ ]+(\S+)$/i)?.[1] : undefined;
}
