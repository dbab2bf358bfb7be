import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { MintedToken } from '../tokens/tokenMinter';
import { ExchangeAnswer } from './postExchange';
import { readJwtHints } from './jwtHints';
import { TOKEN_EXCHANGE } from './oauthNames';
import { readOAuthErrorCode, redactProviderText } from './redact';

/** What judging an answer needs besides the answer. */
export interface AnswerContext {
  /** The micro app's audience, named in refusals. */
  audience: string;
  /** Never to appear in a message: the subject token, the client secret. */
  secrets: readonly string[];
  /** Milliseconds since the epoch. */
  now: number;
}

/** The token types an issued access token may be named by. */
const ACCESS_TOKEN_TYPES = new Set<string>([TOKEN_EXCHANGE.accessTokenType, TOKEN_EXCHANGE.jwtType]);

/** Statuses with which RFC 6749 section 5.2 answers a refused token request. */
const REFUSAL_STATUSES = new Set([400, 401, 403]);

/** OAuth errors that say the provider is in trouble, not that it refuses. */
const PROVIDER_TROUBLE = new Set(['server_error', 'temporarily_unavailable']);

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function malformed(reason: string): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `The identity provider answered the token exchange with a malformed response: ${reason}`,
  );
}

function readExpiresIn(value: unknown): number | undefined {
  // Some providers send the number as a string.
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

function readIssuedToken(body: Record<string, unknown> | undefined, context: AnswerContext): MintedToken {
  if (!body) throw malformed('not a JSON object');
  const { access_token: token, token_type: tokenType, issued_token_type: issuedType, expires_in: expiresIn } = body;
  if (typeof token !== 'string' || token.length === 0) throw malformed('no access_token');
  // A micro app presents the token as it is: it must be a bearer token (RFC 6750).
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') {
    throw malformed('token_type is not Bearer');
  }
  if (issuedType !== undefined && (typeof issuedType !== 'string' || !ACCESS_TOKEN_TYPES.has(issuedType))) {
    throw malformed('issued_token_type is not an access token');
  }

  const hints = readJwtHints(token);
  const seconds = readExpiresIn(expiresIn);
  const expiresAt = seconds !== undefined ? context.now + seconds * 1000 : hints.expiresAt;
  if (expiresAt === undefined) throw malformed('no expires_in, and the token is no JWT with an exp claim');
  if (expiresAt <= context.now) throw malformed('the token has already expired');
  return { token, expiresAt, tokenId: hints.tokenId, issuedBy: 'identity-provider' };
}

function describeError(body: Record<string, unknown> | undefined, status: number, context: AnswerContext): string {
  const code = readOAuthErrorCode(body?.error, context.secrets);
  if (!code) return `HTTP ${status} without a readable OAuth error`;
  const description = redactProviderText(body?.error_description, context.secrets);
  return description ? `${code} (${description})` : code;
}

/**
 * Judges the token endpoint's answer (RFC 8693 section 2.2): the issued token, its expiry (from
 * `expires_in`, else the JWT's `exp`) and id (the JWT's `jti`); or a NotAllowedError (403) for a
 * refusal (400, 401, 403 with an OAuth error such as invalid_grant, invalid_target, invalid_client),
 * naming the OAuth error and its redacted description; or a ServiceUnavailableError (503) for an
 * answer that is no token response (5xx, a redirect, `server_error`, malformed JSON). No message
 * holds the tokens or the secret.
 */
export function readExchangeAnswer(answer: ExchangeAnswer, context: AnswerContext): MintedToken {
  const body = parseObject(answer.text);
  if (answer.status >= 200 && answer.status < 300) return readIssuedToken(body, context);

  const description = describeError(body, answer.status, context);
  if (REFUSAL_STATUSES.has(answer.status) && !PROVIDER_TROUBLE.has(String(body?.error))) {
    throw new NotAllowedError(
      `The identity provider refused the token exchange for ${context.audience}: ${description}`,
    );
  }
  if (answer.status >= 300 && answer.status < 400) {
    throw new ServiceUnavailableError(
      `The identity provider's token endpoint answered with a redirect (HTTP ${answer.status}); ` +
        'luigi.tokens.exchange.tokenEndpoint must name the token endpoint itself',
    );
  }
  throw new ServiceUnavailableError(
    `The identity provider's token endpoint failed the token exchange (HTTP ${answer.status}): ${description}`,
  );
}
