import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { luigiAccessApiRef } from '../access/luigiAccessApi';
import { microAppTokenRequest } from '../access/tokenRequest';
import { tokenDeliveredEvent, tokenRefusedEvent } from '../analytics/luigiEvents';
import { MicroAppTokens } from '../auth/MicroAppTokens';
import { luigiTokenSourceApiRef } from '../auth/tokenSource';
import { TokenRotation, TokenState } from '../auth/TokenRotation';
import { buildUserContext } from '../auth/userContext';
import { LuigiEngine } from '../engine/LuigiEngine';
import { useLuigiAnalytics } from './useLuigiAnalytics';
import { useLuigiSettings } from './useLuigiSettings';
import { usePortalLookInEngine } from './usePortalLook';

/** A micro app for which the luigi backend gave no token, and why. */
export interface MicroAppTokenProblem {
  entityRef: string;
  error: Error;
}

/**
 * Feeds the signed-in user and tokens to the engine, so every open micro app gets them in its
 * context and from `LuigiClient.getToken()`, and loses its token the moment it is no longer valid.
 *
 * The token source's token says whether the user's session is valid. With `luigi.tokens.mode`
 * `per-micro-app` (the default) each micro app gets its own token from the luigi backend while the
 * session is valid, one set of tokens per user and `tenantId` (another tenant starts from none); with
 * `token-source` every micro app gets the token source's token.
 * Returns the session's token state and the last per-app token problem (for the page's warnings),
 * and a sign-in action.
 */
export function useLuigiSession(engine: LuigiEngine, tenantId?: string) {
  const identityApi = useApi(identityApiRef);
  const tokenSource = useApi(luigiTokenSourceApiRef);
  const accessApi = useApi(luigiAccessApiRef);
  const { refresh, tokenMode, tokenIssuer } = useLuigiSettings();
  const capture = useLuigiAnalytics();
  const [token, setToken] = useState<TokenState>();
  const [rotation, setRotation] = useState<TokenRotation>();
  const [appTokens, setAppTokens] = useState<MicroAppTokens>();
  const [appTokenProblem, setAppTokenProblem] = useState<MicroAppTokenProblem>();
  // Read when a token request goes out, which is later than the render that saw the token.
  const sourceToken = useRef<string>();
  const captureRef = useRef(capture);

  const user = useAsync(async () => {
    const [identity, profile] = await Promise.all([
      identityApi.getBackstageIdentity(),
      identityApi.getProfileInfo(),
    ]);
    return buildUserContext(identity, profile);
  }, [identityApi]);
  const userEntityRef = user.value?.userEntityRef;

  useEffect(() => {
    sourceToken.current = token?.status === 'valid' ? token.token?.token : undefined;
    captureRef.current = capture;
  }, [token, capture]);

  // Luigi core arrives while the catalog and the decisions are read; it starts once the user is known.
  useEffect(() => {
    engine.awaitSession();
    engine.preload();
  }, [engine]);
  // Theme and language: before the first frame, and again whenever the user switches.
  usePortalLookInEngine(engine);

  useEffect(() => {
    const next = new TokenRotation(tokenSource, setToken, refresh);
    next.start();
    setRotation(next);
    return () => next.stop();
  }, [tokenSource, refresh]);

  // One set of per-app tokens per user and tenant. A view that unmounts stops its set; the engine
  // keeps it (stopped, it hands out nothing) until the next view brings its own.
  useEffect(() => {
    if (tokenMode !== 'per-micro-app' || !userEntityRef) {
      if (tokenMode === 'token-source') engine.setMicroAppTokens(undefined);
      return undefined;
    }
    const tokens = new MicroAppTokens(
      async (entityRef, purpose) => {
        const request = microAppTokenRequest({
          entityRef,
          purpose,
          tenant: tenantId,
          issuer: tokenIssuer,
          sourceToken: sourceToken.current,
        });
        const issued = await accessApi.issueToken(request);
        return { token: issued.token, expiresAt: issued.expiresAt };
      },
      (entityRef, state, purpose) => {
        setAppTokenProblem(problem => {
          if (state.error) return { entityRef, error: state.error };
          return problem?.entityRef === entityRef ? undefined : problem;
        });
        if (state.status === 'valid') captureRef.current(tokenDeliveredEvent(purpose, entityRef, tenantId));
        else if (state.error) captureRef.current(tokenRefusedEvent(entityRef, state.error, tenantId));
        return engine.microAppTokenChanged(entityRef);
      },
      refresh,
    );
    tokens.pause();
    engine.setMicroAppTokens(tokens);
    setAppTokens(tokens);
    return () => tokens.stop();
  }, [engine, accessApi, tokenMode, tokenIssuer, refresh, userEntityRef, tenantId]);

  useEffect(() => {
    if (!user.value || !token) return;
    const valid = token.status === 'valid' ? token.token : undefined;
    if (tokenMode === 'per-micro-app') {
      engine.setSession({ context: { user: user.value }, authData: undefined });
      if (!appTokens) return;
      if (!valid) {
        // The session ended: every open micro app loses its token now.
        appTokens.pause();
        engine.openMicroAppEntities().forEach(entityRef => engine.microAppTokenChanged(entityRef));
      } else {
        const open = engine.openMicroAppEntities();
        appTokens.resume(open);
        open.forEach(entityRef => void appTokens.ensure(entityRef));
        // And the app the URL opens, whose frame may not exist yet.
        engine.prefetchRouteToken();
      }
      return;
    }
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
  }, [engine, user.value, token, tokenMode, appTokens]);

  const signIn = async () => {
    await tokenSource.signIn?.();
    await rotation?.refresh();
  };

  return { user, token, appTokenProblem, signIn, canSignIn: Boolean(tokenSource.signIn) };
}
