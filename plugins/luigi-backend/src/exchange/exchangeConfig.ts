import { Config } from '@backstage/config';
import { isLoopbackHost } from 'backstage-plugin-luigi-common';
import { TOKEN_EXCHANGE } from './oauthNames';

/**
 * The luigi backend's token exchange with the identity provider, read from `luigi.tokens.exchange`.
 * @public
 */
export interface TokenExchangeConfig {
  /** The provider's token endpoint (https, or http on loopback). */
  tokenEndpoint: string;
  /** The luigi backend's client at the provider. */
  clientId: string;
  /** That client's secret: never logged, sent only in the Authorization header. */
  clientSecret: string;
  /** The `subject_token_type` of every request: what kind of token the frontend sends. */
  subjectTokenType: string;
  /** The request parameter that names the micro app's audience. */
  audienceParameter: 'audience' | 'resource';
  /** The `scope` asked for; empty when none is configured. */
  scopes: string[];
  /** How long to wait for the provider, in milliseconds. */
  timeoutMs: number;
}

const ISSUED_BY = 'luigi.tokens.issuedBy';
const EXCHANGE = 'luigi.tokens.exchange';

/** Long enough for a provider across the world, short enough that a user waits for no hung provider. */
const TIMEOUT_MS = { defaultValue: 5000, min: 100, max: 60_000 };

/** `scope-token` of RFC 6749 section 3.3. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** An absolute URI (URN or URL) without whitespace: token types are URIs (RFC 8693 section 3). */
const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;

function readTokenEndpoint(value: string): string {
  const key = `${EXCHANGE}.tokenEndpoint`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${key} is not a URL`);
  }
  // Never echo the value itself: it might carry credentials.
  if (url.username || url.password) throw new Error(`${key} must not carry credentials; use clientId and clientSecret`);
  if (url.hash) throw new Error(`${key} must not have a fragment`);
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new Error(`${key} must be an https URL (http only on loopback), got ${url.protocol}//${url.host}`);
  }
  return url.href;
}

function readScopes(exchange: Config): string[] {
  const scopes = exchange.getOptionalStringArray('scopes') ?? [];
  for (const scope of scopes) {
    if (!SCOPE_TOKEN.test(scope)) {
      throw new Error(`${EXCHANGE}.scopes must be OAuth scope names without spaces or quotes, got "${scope}"`);
    }
  }
  return [...new Set(scopes)];
}

function readTimeout(exchange: Config): number {
  const timeoutMs = exchange.getOptionalNumber('timeoutMs') ?? TIMEOUT_MS.defaultValue;
  if (!Number.isInteger(timeoutMs) || timeoutMs < TIMEOUT_MS.min || timeoutMs > TIMEOUT_MS.max) {
    throw new Error(
      `${EXCHANGE}.timeoutMs must be a whole number of milliseconds from ${TIMEOUT_MS.min} to ${TIMEOUT_MS.max}, ` +
        `got ${timeoutMs}`,
    );
  }
  return timeoutMs;
}

function readAudienceParameter(exchange: Config): 'audience' | 'resource' {
  const value = exchange.getOptionalString('audienceParameter') ?? 'audience';
  if (value !== 'audience' && value !== 'resource') {
    throw new Error(`${EXCHANGE}.audienceParameter must be audience or resource, got "${value}"`);
  }
  return value;
}

function readSubjectTokenType(exchange: Config): string {
  const value = exchange.getOptionalString('subjectTokenType') ?? TOKEN_EXCHANGE.accessTokenType;
  // Any URI: providers such as Auth0 accept custom subject token types.
  if (!ABSOLUTE_URI.test(value)) {
    throw new Error(
      `${EXCHANGE}.subjectTokenType must be a token type URI such as ${TOKEN_EXCHANGE.accessTokenType}, got "${value}"`,
    );
  }
  return value;
}

/**
 * Reads the token exchange settings: undefined while `luigi.tokens.issuedBy` is `luigi-backend` (the
 * default), the settings of `luigi.tokens.exchange` when it is `identity-provider`. Throws, so the
 * backend refuses to start, when issuedBy is anything else, or the exchange settings are missing,
 * incomplete or invalid: `tokenEndpoint` (https, http only on loopback), `clientId` and `clientSecret`
 * are required; `subjectTokenType` (a token type URI, default access token), `audienceParameter`
 * (`audience`, default, or `resource`), `scopes` and `timeoutMs` (100 to 60000, default 5000) are optional.
 * @public
 */
export function readTokenExchangeConfig(config: Config): TokenExchangeConfig | undefined {
  const issuedBy = config.getOptionalString(ISSUED_BY) ?? 'luigi-backend';
  if (issuedBy === 'luigi-backend') return undefined;
  if (issuedBy !== 'identity-provider') {
    // A typo must not quietly fall back to the other issuer.
    throw new Error(`${ISSUED_BY} must be luigi-backend or identity-provider, got "${issuedBy}"`);
  }

  const exchange = config.getOptionalConfig(EXCHANGE);
  if (!exchange) {
    throw new Error(
      `${EXCHANGE} is required when ${ISSUED_BY} is identity-provider: it names the identity provider's ` +
        'token endpoint and the luigi backend\'s client there (tokenEndpoint, clientId, clientSecret)',
    );
  }
  const required = {
    tokenEndpoint: exchange.getOptionalString('tokenEndpoint'),
    clientId: exchange.getOptionalString('clientId'),
    clientSecret: exchange.getOptionalString('clientSecret'),
  };
  const missing = Object.entries(required)
    .filter(([, value]) => !value?.trim())
    .map(([key]) => key);
  if (missing.length > 0) {
    throw new Error(`${EXCHANGE} is incomplete: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`);
  }

  return {
    tokenEndpoint: readTokenEndpoint(required.tokenEndpoint!),
    clientId: required.clientId!,
    clientSecret: required.clientSecret!,
    subjectTokenType: readSubjectTokenType(exchange),
    audienceParameter: readAudienceParameter(exchange),
    scopes: readScopes(exchange),
    timeoutMs: readTimeout(exchange),
  };
}
