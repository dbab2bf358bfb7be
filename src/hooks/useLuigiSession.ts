import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { luigiTokenSourceApiRef } from '../auth/tokenSource';
import { buildUserContext } from '../auth/userContext';
import { LuigiEngine } from '../engine/LuigiEngine';

/**
 * Feeds the signed-in user and their token to the engine, so every micro app gets them in its
 * context and from `LuigiClient.getToken()`. The token lives in memory only.
 */
export function useLuigiSession(engine: LuigiEngine) {
  const identityApi = useApi(identityApiRef);
  const tokenSource = useApi(luigiTokenSourceApiRef);
  const session = useAsyncRetry(async () => {
    const [identity, profile, token] = await Promise.all([
      identityApi.getBackstageIdentity(),
      identityApi.getProfileInfo(),
      tokenSource.getToken(),
    ]);
    return { user: buildUserContext(identity, profile), token };
  }, [identityApi, tokenSource]);

  const value = session.value;
  useEffect(() => {
    if (!value) return;
    const { user, token } = value;
    engine.setGlobalContext({
      user,
      token: token?.token,
      tokenExpiresAt: token?.expiresAt,
    });
    engine.setAuthData(
      token ? { accessToken: token.token, accessTokenExpirationDate: token.expiresAt } : undefined,
    );
  }, [engine, value]);

  return session;
}
