import { SessionState } from '@backstage/core-plugin-api';
import { mockApis } from '@backstage/test-utils';
import { AuthApiTokenSource } from './authApiTokenSource';

function jwt(payload: object) {
  const encode = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
  return `${encode({ alg: 'none' })}.${encode(payload)}.sig`;
}

describe('AuthApiTokenSource', () => {
  it('asks the OIDC API for the ID token on every call, without popups', async () => {
    const getIdToken = jest.fn().mockResolvedValueOnce(jwt({ exp: 100 })).mockResolvedValueOnce(jwt({ exp: 200 }));
    const source = new AuthApiTokenSource({ getIdToken });
    expect(await source.getToken()).toEqual({ token: jwt({ exp: 100 }), expiresAt: 100_000 });
    expect(await source.getToken()).toEqual({ token: jwt({ exp: 200 }), expiresAt: 200_000 });
    expect(getIdToken).toHaveBeenCalledWith({ optional: true });
  });

  it('asks the OAuth API for an access token with the configured scopes', async () => {
    const getAccessToken = jest.fn().mockResolvedValue('opaque-token');
    const source = new AuthApiTokenSource({ getAccessToken }, { kind: 'access', scopes: ['read:orders'] });
    expect(await source.getToken()).toEqual({ token: 'opaque-token', expiresAt: undefined });
    expect(getAccessToken).toHaveBeenCalledWith(['read:orders'], { optional: true });
  });

  it('returns nothing when the user is not signed in', async () => {
    const source = new AuthApiTokenSource({ getIdToken: jest.fn().mockResolvedValue('') });
    expect(await source.getToken()).toBeUndefined();
  });

  it('refuses an auth API that cannot give the requested token', () => {
    expect(() => new AuthApiTokenSource({ getAccessToken: jest.fn() })).toThrow(/OpenIdConnectApi/);
    expect(() => new AuthApiTokenSource({ getIdToken: jest.fn() }, { kind: 'access' })).toThrow(/OAuthApi/);
  });

  it('forwards sign-out from the session state', () => {
    let emit: (s: SessionState) => void = () => {};
    const source = new AuthApiTokenSource({
      getIdToken: jest.fn(),
      sessionState$: () =>
        ({
          subscribe: (next: (s: SessionState) => void) => {
            emit = next;
            return { unsubscribe() {}, closed: false };
          },
        }) as any,
    });
    const listener = jest.fn();
    source.onSignOut(listener);
    emit(SessionState.SignedIn);
    expect(listener).not.toHaveBeenCalled();
    emit(SessionState.SignedOut);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('AuthApiTokenSource.fromConfig', () => {

  it('hands out an access token with the configured scopes', async () => {
    const getAccessToken = jest.fn().mockResolvedValue('at');
    const config = mockApis.config({ data: { luigi: { tokenSource: { token: 'access', scopes: ['a', 'b'] } } } });
    await AuthApiTokenSource.fromConfig({ getAccessToken }, config).getToken();
    expect(getAccessToken).toHaveBeenCalledWith(['a', 'b'], { optional: true });
  });

  it('defaults to the ID token and rejects unknown kinds', async () => {
    const getIdToken = jest.fn().mockResolvedValue('id');
    await AuthApiTokenSource.fromConfig({ getIdToken }, mockApis.config()).getToken();
    expect(getIdToken).toHaveBeenCalled();
    expect(() =>
      AuthApiTokenSource.fromConfig({ getIdToken }, mockApis.config({ data: { luigi: { tokenSource: { token: 'x' } } } })),
    ).toThrow(/"id" or "access"/);
  });
});
