import { TokenExchangeConfig } from './exchangeConfig';
import { TOKEN_EXCHANGE } from './oauthNames';
import { TokenExchangeMinter } from './tokenExchangeMinter';
import { findSecretFragment } from './testing/secretFragments';
import { json, startStubTokenEndpoint, StubTokenEndpoint } from './testing/stubTokenEndpoint';

// Answers no real provider gives on demand (outages, malformed bodies, echoed tokens), from a stub.
const NOW = Date.parse('2026-12-01T10:00:00Z');
const ORDERS = 'component:default/orders';
const SUBJECT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsInNlY3JldCI6InN1YmplY3QifQ.c2lnbmF0dXJlLW9mLXRoZS1zdWJqZWN0LXRva2Vu';
const SECRET = 'p@ss wörd+/:with-all-sorts';

/** A JWT as far as its claims go; nothing here verifies signatures. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'at+jwt' })}.${part(claims)}.${Buffer.from('signature').toString('base64url')}`;
}

let stub: StubTokenEndpoint;

beforeAll(async () => {
  stub = await startStubTokenEndpoint();
});

afterAll(async () => {
  await stub.close();
});

beforeEach(() => {
  stub.requests.length = 0;
});

function minter(overrides: Partial<TokenExchangeConfig> = {}) {
  return new TokenExchangeMinter({
    settings: {
      tokenEndpoint: stub.url,
      clientId: 'luigi:backend',
      clientSecret: SECRET,
      subjectTokenType: TOKEN_EXCHANGE.accessTokenType,
      audienceParameter: 'audience',
      scopes: [],
      timeoutMs: 2000,
      ...overrides,
    },
    now: () => NOW,
  });
}

const REQUEST = { userEntityRef: 'user:default/alice', ownershipEntityRefs: [], entityRef: ORDERS, audience: ORDERS };

function mint(overrides: Partial<TokenExchangeConfig> = {}) {
  return minter(overrides).mint({ ...REQUEST, subjectToken: SUBJECT });
}

const ISSUED = { access_token: 'opaque-token-for-orders', token_type: 'Bearer', expires_in: 120, issued_token_type: TOKEN_EXCHANGE.accessTokenType };

describe('the token exchange request', () => {
  it('is an RFC 8693 form post, the client in HTTP Basic with form-encoded id and secret', async () => {
    stub.answer(json(200, ISSUED));
    await mint({ scopes: ['openid', 'groups'] });
    const [{ headers, form }] = stub.requests;
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: SUBJECT,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: ORDERS,
      scope: 'openid groups',
    });
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(headers.accept).toBe('application/json');
    const [id, secret] = Buffer.from(headers.authorization!.replace(/^Basic /, ''), 'base64').toString().split(':');
    expect([id, secret]).toEqual(['luigi%3Abackend', 'p%40ss+w%C3%B6rd%2B%2F%3Awith-all-sorts']);
    expect(decodeURIComponent(secret.replace(/\+/g, ' '))).toBe(SECRET);
  });

  it('names the audience by resource, with the configured subject token type, and no scope unless configured', async () => {
    stub.answer(json(200, ISSUED));
    await mint({ audienceParameter: 'resource', subjectTokenType: TOKEN_EXCHANGE.idTokenType });
    const [{ form }] = stub.requests;
    expect(form.get('resource')).toBe(ORDERS);
    expect(form.has('audience')).toBe(false);
    expect(form.has('scope')).toBe(false);
    expect(form.get('subject_token_type')).toBe(TOKEN_EXCHANGE.idTokenType);
  });

  it.each([
    ['no subject token', undefined, /needs the user's identity provider token/],
    ['an empty one', '', /needs the user's identity provider token/],
    ['one with spaces', 'not a token', /is not a token/],
    ['an oversized one', 'x'.repeat(16_385), /is not a token/],
  ])('is never sent with %s (400)', async (_, subjectToken, message) => {
    await expect(minter().mint({ ...REQUEST, subjectToken })).rejects.toMatchObject({ name: 'InputError', message: expect.stringMatching(message) });
    expect(stub.requests).toHaveLength(0);
  });
});

describe('an issued token', () => {
  it('expires expires_in seconds from now; an opaque token has no id', async () => {
    stub.answer(json(200, ISSUED));
    await expect(mint()).resolves.toEqual({
      token: 'opaque-token-for-orders',
      expiresAt: NOW + 120_000,
      tokenId: undefined,
      issuedBy: 'identity-provider',
    });
  });

  it("takes expiry from the JWT's exp when expires_in is absent, and its id from jti", async () => {
    const token = jwt({ sub: 'alice', exp: NOW / 1000 + 90, jti: 'token-42' });
    stub.answer(json(200, { access_token: token, token_type: 'bearer' }));
    await expect(mint()).resolves.toEqual({ token, expiresAt: NOW + 90_000, tokenId: 'token-42', issuedBy: 'identity-provider' });
  });

  it('reads expires_in sent as a string, and a token typed as a JWT', async () => {
    stub.answer(json(200, { ...ISSUED, expires_in: '60', issued_token_type: TOKEN_EXCHANGE.jwtType }));
    expect((await mint()).expiresAt).toBe(NOW + 60_000);
  });

  it.each([
    ['not JSON', (res: any) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Welcome</h1>'), 'not a JSON object'],
    ['no access_token', json(200, { token_type: 'Bearer', expires_in: 60 }), 'no access_token'],
    ['a DPoP token', json(200, { ...ISSUED, token_type: 'DPoP' }), 'token_type is not Bearer'],
    ['no token_type', json(200, { access_token: 'x', expires_in: 60 }), 'token_type is not Bearer'],
    ['a refresh token', json(200, { ...ISSUED, issued_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' }), 'issued_token_type is not an access token'],
    ['no expiry', json(200, { access_token: 'opaque', token_type: 'Bearer' }), 'no expires_in, and the token is no JWT with an exp claim'],
    ['an expired JWT', json(200, { access_token: jwt({ exp: NOW / 1000 - 1 }), token_type: 'Bearer' }), 'the token has already expired'],
  ])('is refused as malformed when the answer has %s (503)', async (_, answer, reason) => {
    stub.answer(answer);
    await expect(mint()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: `The identity provider answered the token exchange with a malformed response: ${reason}`,
    });
  });
});

describe('a refusal', () => {
  it('names the OAuth error and its description (403)', async () => {
    stub.answer(json(400, { error: 'invalid_target', error_description: 'audience not allowed for this client' }));
    await expect(mint()).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `The identity provider refused the token exchange for ${ORDERS}: invalid_target (audience not allowed for this client)`,
    });
  });

  it.each([401, 403])('without a body is still a refusal (HTTP %i, 403)', async status => {
    stub.answer(res => res.writeHead(status, { 'www-authenticate': 'Basic' }).end());
    await expect(mint()).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `The identity provider refused the token exchange for ${ORDERS}: HTTP ${status} without a readable OAuth error`,
    });
  });

  it('never quotes a token or the secret the provider echoes, nor a long or multi-line description', async () => {
    const description = [
      `bad token ${SUBJECT}`,
      `part ${SUBJECT.slice(30, 52)} and ${SUBJECT.split('.')[2].slice(3, 15)}`,
      `client secret ${SECRET}`,
      'line\nbreak\u2028and\u0007bell',
      'x'.repeat(1000),
    ].join('; ');
    stub.answer(json(400, { error: 'invalid_grant', error_description: description }));
    const error = await mint().catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(findSecretFragment(error.message, [SUBJECT, SECRET])).toBeUndefined();
    expect(error.message).not.toContain(SUBJECT.slice(30, 40));
    expect(error.message).toMatch(/invalid_grant \(bad token \[redacted\]; part \[redacted\] and \[redacted\]; client secret \[redacted\]; line break and bell; /);
    expect(error.message).not.toMatch(/[\n\u2028\u0007]/);
    expect(error.message.length).toBeLessThan(320);
  });

  it('does not take an error code that is no OAuth error code', async () => {
    stub.answer(json(400, { error: SUBJECT }));
    const error = await mint().catch(e => e);
    expect(error.message).toBe(`The identity provider refused the token exchange for ${ORDERS}: HTTP 400 without a readable OAuth error`);
  });
});

describe('a provider in trouble', () => {
  it.each([
    [500, { error: 'server_error' }, 'failed the token exchange (HTTP 500): server_error'],
    [502, 'Bad gateway', 'failed the token exchange (HTTP 502): HTTP 502 without a readable OAuth error'],
    [503, { error: 'temporarily_unavailable', error_description: 'down for maintenance' }, 'failed the token exchange (HTTP 503): temporarily_unavailable (down for maintenance)'],
    [400, { error: 'temporarily_unavailable' }, 'failed the token exchange (HTTP 400): temporarily_unavailable'],
    [429, { error: 'slow_down' }, 'failed the token exchange (HTTP 429): slow_down'],
    [404, 'Not found', 'failed the token exchange (HTTP 404): HTTP 404 without a readable OAuth error'],
  ])('is unavailable on HTTP %i %j (503)', async (status, body, message) => {
    stub.answer(typeof body === 'string' ? res => res.writeHead(status).end(body) : json(status, body));
    await expect(mint()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: `The identity provider's token endpoint ${message}`,
    });
  });

  it('is unavailable on a redirect, which is not followed (503)', async () => {
    stub.answer(res => res.writeHead(307, { location: `${stub.url}/elsewhere` }).end());
    await expect(mint()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/answered with a redirect \(HTTP 307\)/),
    });
    expect(stub.requests).toHaveLength(1);
  });

  it('is unavailable when the answer stalls after its headers (503, within the timeout)', async () => {
    stub.answer(res => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"access_token":');
    });
    const started = Date.now();
    await expect(mint({ timeoutMs: 200 })).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: "The identity provider's token endpoint did not answer within 200 ms",
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
