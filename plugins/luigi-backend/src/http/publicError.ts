import { redactSecrets } from '../audit/redactSecrets';
import { isDeliberateError } from '../audit/refusal';

/** What a client is told when its request failed for a reason of ours it need not know. */
export const INTERNAL_ERROR_MESSAGE = 'The request could not be completed';

/** What a client is told when its credentials were missing or not accepted. */
export const AUTHENTICATION_ERROR_MESSAGE = 'Missing or invalid user credentials';

/** An error's message without the `; caused by …` that Backstage's errors append of their cause. */
function ownMessage(error: Error): string {
  const at = (error as { cause?: unknown }).cause === undefined ? -1 : error.message.indexOf('; caused by ');
  return at < 0 ? error.message : error.message.slice(0, at);
}

/**
 * What a refused or failed request is answered with: a deliberate error as a plain one of the same
 * name (and status code), its own message without any part of the secrets, and nothing else of it
 * (no cause, body or other field the error middleware would serialize); a failed authentication with
 * one fixed message (the backend's may quote the token); anything else as a plain 500 with a
 * generic message, so no internal body, URL or stack reaches the client.
 */
export function publicError(error: unknown, secrets: ReadonlyArray<string | undefined> = []): Error {
  if (!isDeliberateError(error)) return new Error(INTERNAL_ERROR_MESSAGE);
  const message =
    error.name === 'AuthenticationError' ? AUTHENTICATION_ERROR_MESSAGE : redactSecrets(ownMessage(error), secrets);
  const answer = new Error(message) as Error & { statusCode?: number };
  answer.name = error.name;
  const { statusCode } = error as { statusCode?: unknown };
  if (typeof statusCode === 'number') answer.statusCode = statusCode;
  return answer;
}
