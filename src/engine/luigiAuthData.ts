/** Tokens as Luigi's auth store holds them; `LuigiClient.getToken()` returns `accessToken`. */
export interface LuigiAuthData {
  accessToken: string;
  idToken?: string;
  /** Epoch milliseconds. */
  accessTokenExpirationDate?: number;
}
