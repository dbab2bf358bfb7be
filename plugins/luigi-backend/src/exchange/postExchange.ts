import { ServiceUnavailableError } from '@backstage/errors';
import { ExchangeRequest } from './exchangeRequest';

/** The token endpoint's answer: status and body text, nothing else is needed. */
export interface ExchangeAnswer {
  status: number;
  text: string;
}

/** A token response is a few kilobytes; anything far larger is not one. */
const MAX_ANSWER_LENGTH = 1024 * 1024;

function unreachable(error: unknown, timeoutMs: number): ServiceUnavailableError {
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: { code?: unknown } };
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ServiceUnavailableError(`The identity provider's token endpoint did not answer within ${timeoutMs} ms`);
  }
  // Only the system error code: fetch's own messages may quote the request.
  const code = typeof cause?.code === 'string' && /^[A-Z0-9_]{2,40}$/.test(cause.code) ? cause.code : 'network error';
  return new ServiceUnavailableError(`The identity provider's token endpoint could not be reached (${code})`);
}

/**
 * Posts the request to the token endpoint and reads the whole answer within `timeoutMs`. Redirects
 * are not followed: a token endpoint answers itself, and a redirect would carry the user's token
 * elsewhere. Throws a ServiceUnavailableError (503) when the endpoint cannot be reached or does not
 * answer in time; every HTTP answer is returned, for the caller to judge.
 */
export async function postExchange(
  tokenEndpoint: string,
  request: ExchangeRequest,
  timeoutMs: number,
): Promise<ExchangeAnswer> {
  // One signal for connecting, the headers and the body: a provider that stalls mid-body is hung too.
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
    });
    const text = await response.text();
    if (text.length > MAX_ANSWER_LENGTH) {
      throw new ServiceUnavailableError("The identity provider's token endpoint answered with an oversized body");
    }
    return { status: response.status, text };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    throw unreachable(error, timeoutMs);
  }
}
