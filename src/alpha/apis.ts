import { ApiBlueprint, discoveryApiRef, fetchApiRef, identityApiRef } from '@backstage/frontend-plugin-api';
import { LuigiAccessClient, luigiAccessApiRef } from '../access/luigiAccessApi';
import { BackstageIdentityTokenSource, luigiTokenSourceApiRef } from '../auth/tokenSource';

/**
 * The token source micro apps get their token from: by default the signed-in user's Backstage token.
 * Its extension id is `api:luigi/token-source`; an app replaces it with a frontend module for the
 * plugin `luigi` that provides an extension of the same name (see docs/tokens.md, "Token sources").
 * @alpha
 */
export const luigiTokenSourceApi = ApiBlueprint.make({
  name: 'token-source',
  params: defineParams =>
    defineParams({
      api: luigiTokenSourceApiRef,
      deps: { identityApi: identityApiRef },
      factory: ({ identityApi }) => new BackstageIdentityTokenSource(identityApi),
    }),
});

/**
 * Access decisions from the luigi backend plugin (`api:luigi/access`).
 * @alpha
 */
export const luigiAccessApi = ApiBlueprint.make({
  name: 'access',
  params: defineParams =>
    defineParams({
      api: luigiAccessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new LuigiAccessClient({ discoveryApi, fetchApi }),
    }),
});
