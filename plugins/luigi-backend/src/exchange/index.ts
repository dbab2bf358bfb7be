/**
 * Micro app tokens from the organisation's identity provider, by OAuth 2.0 Token Exchange (RFC 8693):
 * `luigi.tokens.issuedBy: identity-provider` with `luigi.tokens.exchange`.
 */
export { readTokenExchangeConfig } from './exchangeConfig';
export type { TokenExchangeConfig } from './exchangeConfig';
export { TOKEN_EXCHANGE } from './oauthNames';
export { TokenExchangeMinter } from './tokenExchangeMinter';
export type { TokenExchangeMinterOptions } from './tokenExchangeMinter';
