import { TokenExchangeConfig } from './exchangeConfig';
import { TOKEN_EXCHANGE } from './oauthNames';

/** One token exchange request, ready to post. */
export interface ExchangeRequest {
  headers: Record<string, string>;
  body: URLSearchParams;
}

/** `application/x-www-form-urlencoded` encoding of one value (RFC 6749 appendix B). */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/**
 * HTTP Basic client authentication as RFC 6749 section 2.3.1 has it: id and secret are each
 * form-encoded before they are joined, so a `:` or non-ASCII character in either survives.
 */
export function basicClientAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
}

/**
 * The RFC 8693 section 2.1 request that exchanges the user's token for one for `audience`: an access
 * token, with the configured subject token type, audience parameter and scopes.
 */
export function buildExchangeRequest(
  settings: TokenExchangeConfig,
  subjectToken: string,
  audience: string,
): ExchangeRequest {
  const body = new URLSearchParams({
    grant_type: TOKEN_EXCHANGE.grantType,
    subject_token: subjectToken,
    subject_token_type: settings.subjectTokenType,
    requested_token_type: TOKEN_EXCHANGE.accessTokenType,
    [settings.audienceParameter]: audience,
  });
  if (settings.scopes.length > 0) body.set('scope', settings.scopes.join(' '));
  return {
    headers: {
      authorization: basicClientAuthorization(settings.clientId, settings.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body,
  };
}
