import { ApiBlueprint, identityApiRef } from '@backstage/frontend-plugin-api';
import { BackstageIdentityTokenSource, luigiTokenSourceApiRef } from '../auth/tokenSource';

/**
 * The token source micro apps get their token from: by default the signed-in user's Backstage token.
 * Its extension id is `api:luigi/token-source`; an app replaces it with a frontend module for the
 * plugin `luigi` that provides an extension of the same name (see the README).
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
