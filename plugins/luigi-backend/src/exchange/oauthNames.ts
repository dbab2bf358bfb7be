/**
 * The grant and token type names of OAuth 2.0 Token Exchange (RFC 8693 sections 2.1 and 3).
 * @public
 */
export const TOKEN_EXCHANGE = {
  /** The `grant_type` of a token exchange request. */
  grantType: 'urn:ietf:params:oauth:grant-type:token-exchange',
  /** An OAuth 2.0 access token: what the luigi backend asks for, and the default subject token type. */
  accessTokenType: 'urn:ietf:params:oauth:token-type:access_token',
  /** An OpenID Connect ID token, as subject token. */
  idTokenType: 'urn:ietf:params:oauth:token-type:id_token',
  /** A JWT; some providers name an issued access token so. */
  jwtType: 'urn:ietf:params:oauth:token-type:jwt',
} as const;
