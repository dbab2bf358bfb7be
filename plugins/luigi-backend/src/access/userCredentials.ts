import { BackstageCredentials, BackstageUserPrincipal, HttpAuthService } from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { refusal } from '../audit/refusal';

/**
 * The signed-in user's credentials of a request. Only a user is answered: an anonymous caller or an
 * invalid token is refused with 401 (`unauthenticated`), a service with 403 (`not-a-user`), as the
 * backend's httpAuth decides; the error carries the reason for the audit trail.
 */
export async function userCredentials(
  httpAuth: HttpAuthService,
  req: Request,
): Promise<BackstageCredentials<BackstageUserPrincipal>> {
  try {
    return await httpAuth.credentials(req, { allow: ['user'] });
  } catch (error) {
    const reason = (error as Error)?.name === 'NotAllowedError' ? 'not-a-user' : 'unauthenticated';
    throw refusal(error as Error, { reason });
  }
}

/**
 * Whether `credentials` are a signed-in user's (with a user entity ref): what is kept or looked up
 * per user is kept only for them, never for a service or an anonymous caller.
 */
export function isUserCredentials(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  const principal = credentials.principal as { type?: unknown; userEntityRef?: unknown } | undefined;
  return principal?.type === 'user' && typeof principal.userEntityRef === 'string';
}
