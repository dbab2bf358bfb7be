import { ResponseError } from '@backstage/errors';
import { tokenFailure } from './tokenFailure';

/** The luigi backend's answer to a refused token request, as Backstage's error middleware writes it. */
function backstageError(statusCode: number, statusText: string, name: string, message: string): Response {
  return new Response(JSON.stringify({ error: { name, message }, request: { method: 'POST', url: '/tokens' }, response: { statusCode } }), {
    status: statusCode,
    statusText,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

const AUDIENCE_REASON =
  'component:default/x has an invalid luigi-project.io/token-audience: the token audience must not contain whitespace or control characters';

describe('tokenFailure', () => {
  it("reads a refusal's reason from the backend's error body, and that retrying cannot help", async () => {
    const error = await ResponseError.fromResponse(backstageError(403, 'Forbidden', 'NotAllowedError', AUDIENCE_REASON));
    expect(tokenFailure(error)).toEqual({ permanent: true, statusCode: 403, reason: AUDIENCE_REASON });
  });

  it('takes a missing entity (404) and a malformed request (400) as permanent too', async () => {
    const missing = await ResponseError.fromResponse(
      backstageError(404, 'Not Found', 'NotFoundError', 'No entity component:default/x in the catalog, or you may not read it'),
    );
    expect(tokenFailure(missing)).toMatchObject({ permanent: true, statusCode: 404 });
    const malformed = await ResponseError.fromResponse(backstageError(400, 'Bad Request', 'InputError', 'entityRef is not an entity ref'));
    expect(tokenFailure(malformed)).toMatchObject({ permanent: true, reason: 'entityRef is not an entity ref' });
  });

  it('takes a failure to answer (5xx, 429, 408), a lapsed sign-in (401) and a network error as transient', async () => {
    const unavailable = await ResponseError.fromResponse(
      backstageError(503, 'Service Unavailable', 'ServiceUnavailableError', 'the token minter is unavailable'),
    );
    expect(tokenFailure(unavailable)).toEqual({ permanent: false, statusCode: 503, reason: 'the token minter is unavailable' });
    for (const status of [500, 502, 429, 408, 401]) {
      const error = await ResponseError.fromResponse(backstageError(status, 'x', 'Error', 'x'));
      expect(tokenFailure(error).permanent).toBe(false);
    }
    expect(tokenFailure(new TypeError('Failed to fetch'))).toEqual({ permanent: false });
  });

  it("gives no reason for an answer that is no Backstage error (a proxy's page), and never its body", async () => {
    const page = new Response('<html><body><script>alert(1)</script>Forbidden</body></html>', {
      status: 403,
      statusText: 'Forbidden',
      headers: { 'content-type': 'text/html' },
    });
    const failure = tokenFailure(await ResponseError.fromResponse(page));
    expect(failure).toEqual({ permanent: true, statusCode: 403 });
  });

  it('reads the status of an error that only carries one', () => {
    expect(tokenFailure(Object.assign(new Error('403: refused'), { statusCode: 403 }))).toEqual({ permanent: true, statusCode: 403 });
    expect(tokenFailure(undefined)).toEqual({ permanent: false });
  });
});
