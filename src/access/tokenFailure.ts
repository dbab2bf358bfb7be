import { ResponseError } from '@backstage/errors';

/**
 * Why the luigi backend gave a micro app no token, as the page explains it.
 */
export interface TokenFailure {
  /**
   * The backend refused the request for what it asks (403, 404, 400): asking again gets the same answer
   * until someone changes the entity's registration, the configuration or the user's access. A
   * failure to answer (network, 5xx, 429, 408) or a lapsed sign-in (401) is not permanent.
   */
  permanent: boolean;
  /** The HTTP status of the backend's answer; undefined when none came. */
  statusCode?: number;
  /**
   * The backend's reason: the message of the Backstage error it answered with
   * (`{ error: { name, message }, response: { statusCode } }`), e.g.
   * `component:default/x has an invalid luigi-project.io/token-audience: …`. Undefined when the answer
   * was no Backstage error (a proxy's page) or no answer came. Entity text: render it as text.
   */
  reason?: string;
}

/** Statuses at which asking again cannot help. */
const PERMANENT_STATUSES = new Set([400, 403, 404]);

/** What `parseErrorResponseBody` makes up for a body that is no Backstage error: not the backend's reason. */
const STAND_IN_MESSAGE = /^Request failed with status \d+/;

function statusOf(error: unknown): number | undefined {
  const statusCode = (error as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

function reasonOf(error: unknown): string | undefined {
  if (!ResponseError.is(error)) return undefined;
  const message: unknown = error.body.error?.message;
  if (typeof message !== 'string' || STAND_IN_MESSAGE.test(message)) return undefined;
  return message.trim() || undefined;
}

/**
 * Reads a failed micro app token request (what `LuigiAccessApi.issueToken` rejected with): whether
 * retrying can help, and the backend's reason. Pure.
 */
export function tokenFailure(error: unknown): TokenFailure {
  const statusCode = statusOf(error);
  const reason = reasonOf(error);
  return {
    permanent: statusCode !== undefined && PERMANENT_STATUSES.has(statusCode),
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
}
