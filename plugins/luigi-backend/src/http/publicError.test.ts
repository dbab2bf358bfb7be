import { AuthenticationError, NotAllowedError, ResponseError, ServiceUnavailableError } from '@backstage/errors';
import { AUTHENTICATION_ERROR_MESSAGE, INTERNAL_ERROR_MESSAGE, publicError } from './publicError';
import { PayloadTooLargeError } from './readJsonBody';

describe('publicError', () => {
  it('answers a deliberate error by its name and message alone, without the secrets', () => {
    const cause = new Error('http://internal.example/secret-path');
    const answer = publicError(new ServiceUnavailableError('The identity provider did not answer', cause), []);
    expect(answer).toMatchObject({ name: 'ServiceUnavailableError', message: 'The identity provider did not answer' });
    expect(Object.keys(answer)).toEqual(['name']);
    expect(publicError(new NotAllowedError('no for s3cr3t-t0ken-value-0123'), ['s3cr3t-t0ken-value-0123']).message).toBe(
      'no for [redacted]',
    );
  });

  it('keeps the status of a body that is too large', () => {
    expect(publicError(new PayloadTooLargeError('The request body is larger than 65536 bytes'))).toMatchObject({
      name: 'PayloadTooLargeError',
      statusCode: 413,
    });
  });

  it('answers a failed authentication with one message: the backend may quote the token', () => {
    expect(publicError(new AuthenticationError("Unknown mock token 'eyJhbGciOi…'")).message).toBe(
      AUTHENTICATION_ERROR_MESSAGE,
    );
  });

  it('answers anything else as a plain 500: no downstream body, URL or cause', async () => {
    const downstream = await ResponseError.fromResponse(
      new Response(JSON.stringify({ error: { name: 'Error', message: 'at http://permission.internal' } }), {
        status: 502,
        headers: { 'content-type': 'application/json' },
      }),
    );
    for (const error of [downstream, new TypeError('fetch failed'), 'a string']) {
      const answer = publicError(error);
      expect(answer).toMatchObject({ name: 'Error', message: INTERNAL_ERROR_MESSAGE });
      expect(Object.keys(answer)).toEqual([]);
    }
  });
});
