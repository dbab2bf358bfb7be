import {
  BackstageCredentials,
  BackstagePrincipalTypes,
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';

// The mock service token a plugin sends on behalf of a user: a prefix, then JSON naming the user.
const SAMPLE = mockCredentials.service.token({ onBehalfOf: mockCredentials.user(), targetPluginId: 'sample' });
const SERVICE_TOKEN_PREFIX = SAMPLE.slice(0, SAMPLE.indexOf('{'));

/**
 * The mock httpAuth of test backends, except for a request one plugin makes on behalf of a user: as
 * in a real backend, its credentials are the user's with the calling service as `actor`. (The mock
 * drops the actor, and without one the permissions registry refuses the permission backend's
 * `apply-conditions` call, so no conditional decision could be resolved in a test.) Requests without
 * credentials are anonymous, as in a real backend.
 */
export const onBehalfOfHttpAuth = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId(), defaultCredentials: mockCredentials.none() });
    return {
      async credentials(req: any, options?: { allow?: Array<keyof BackstagePrincipalTypes> }) {
        const token = String(req.headers.authorization ?? '').match(/^Bearer[ ]+(\S+)$/i)?.[1];
        if (!token?.startsWith(SERVICE_TOKEN_PREFIX)) return inner.credentials(req, options as any);
        const { target, obo } = JSON.parse(token.slice(SERVICE_TOKEN_PREFIX.length));
        if (!obo) return inner.credentials(req, options as any);
        if (target && target !== plugin.getId()) throw new AuthenticationError(`Invalid mock token target ${target}`);
        if (options?.allow && !options.allow.includes('user')) {
          throw new NotAllowedError("This endpoint does not allow 'user' credentials");
        }
        return mockCredentials.user(obo, {
          actor: { subject: 'plugin:permission' },
        }) as BackstageCredentials<any>;
      },
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    } as HttpAuthService;
  },
});
