import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { luigiTokenSourceApiRef } from '../auth/tokenSource';
import { TokenRotation, TokenState } from '../auth/TokenRotation';
import { buildUserContext } from '../auth/userContext';
import { LuigiEngine } from '../engine/LuigiEngine';
import { useLuigiSettings } from './useLuigiSettings';

/**
 * Feeds the signed-in user and a fresh token to the engine, so every open micro app gets them in its
 * context and from `LuigiClient.getToken()`, and loses the token the moment it is no longer valid.
 * Returns the token state (for the page's warning) and a sign-in action.
 */
export function useLuigiSession(engine: LuigiEngine) {
  const identityApi = useApi(identityApiRef);
  const tokenSource = useApi(luigiTokenSourceApiRef);
  const { refresh } = useLuigiSettings();
  const [token, setToken] = useState<TokenState>();
  const [rotation, setRotation] = useState<TokenRotation>();

  const user = useAsync(async () => {
    const [identity, profile] = await Promise.all([
      identityApi.getBackstageIdentity(),
      identityApi.getProfileInfo(),
    ]);
    return buildUserContext(identity, profile);
  }, [identityApi]);

  useEffect(() => {
    const next = new TokenRotation(tokenSource, setToken, refresh);
    next.start();
    setRotation(next);
    return () => next.stop();
  }, [tokenSource, refresh]);

  useEffect(() => {
    if (!user.value || !token) return;
    const valid = token.status === 'valid' ? token.token : undefined;
    engine.setSession({
      context: {
        user: user.value,
        token: valid?.token,
        tokenExpiresAt: valid?.expiresAt,
        tokenStatus: token.status,
      },
      authData: valid
        ? { accessToken: valid.token, accessTokenExpirationDate: valid.expiresAt }
        : undefined,
    });
  }, [engine, user.value, token]);

  const signIn = async () => {
    await tokenSource.signIn?.();
    await rotation?.refresh();
  };

  return { user, token, signIn, canSignIn: Boolean(tokenSource.signIn) };
}
