/** Longest detail line shown; anything longer is cut (a server may answer with a whole page). */
const MAX_DETAIL = 160;

/** Headers a proxy or gateway may name the request by, for a support ticket. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-correlation-id', 'traceparent'];

interface ResponseLike {
  statusCode?: unknown;
  statusText?: unknown;
  response?: { headers?: { get?(name: string): string | null } };
}

function cut(text: string): string {
  const line = text.split('\n', 1)[0].trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

function requestIdOf(error: ResponseLike): string | undefined {
  const headers = error.response?.headers;
  if (typeof headers?.get !== 'function') return undefined;
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return cut(value);
  }
  return undefined;
}

/**
 * The technical side of a failure in one short line, for whoever the user reports it to: the HTTP
 * status (and request id) of a failed request, else the error's name and the first line of its
 * message. Never a stack trace. Undefined when there is nothing to say.
 */
export function failureDetail(error: unknown): string | undefined {
  if (error === undefined || error === null) return undefined;
  if (typeof error !== 'object') return cut(String(error)) || undefined;
  const response = error as ResponseLike;
  if (typeof response.statusCode === 'number') {
    const statusText = typeof response.statusText === 'string' ? response.statusText : '';
    let status = cut(`HTTP ${response.statusCode} ${statusText}`);
    // Backstage's ResponseError says no more than the status; another error's message may.
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && message && !message.startsWith('Request failed with')) {
      status = cut(`${status} (${message})`);
    }
    const requestId = requestIdOf(response);
    return requestId ? `${status}, request id ${requestId}` : status;
  }
  const { name, message } = error as { name?: unknown; message?: unknown };
  const text = typeof message === 'string' ? cut(message) : '';
  const kind = typeof name === 'string' && name !== 'Error' ? name : '';
  if (kind && text) return `${kind}: ${text}`;
  return kind || text || undefined;
}
