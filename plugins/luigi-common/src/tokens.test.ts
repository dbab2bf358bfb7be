import { LUIGI_TOKEN_CLAIMS, parseMicroAppToken } from './tokens';

const valid = {
  token: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvYWxpY2UifQ.c2lnbmF0dXJl',
  expiresAt: 1_900_000_000_000,
  audience: 'component:default/orders',
  entityRef: 'component:default/orders',
};

describe('parseMicroAppToken', () => {
  it('reads a token response, keeping only the known fields', () => {
    expect(parseMicroAppToken({ ...valid, extra: 'ignored' })).toEqual(valid);
  });

  it('reads the tenant of a token issued while tenants are configured', () => {
    expect(parseMicroAppToken({ ...valid, tenant: 'commerce' })).toEqual({ ...valid, tenant: 'commerce' });
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['an array', [valid]],
    ['a string', JSON.stringify(valid)],
    ['an error body', { error: { name: 'NotAllowedError', message: 'no' } }],
    ['no token', { ...valid, token: undefined }],
    ['an empty token', { ...valid, token: '' }],
    ['a token that is not a compact JWS', { ...valid, token: 'not a jwt' }],
    ['a token with two parts', { ...valid, token: 'a.b' }],
    ['expiresAt as a string', { ...valid, expiresAt: '1900000000000' }],
    ['expiresAt not an integer', { ...valid, expiresAt: 1.5 }],
    ['expiresAt zero', { ...valid, expiresAt: 0 }],
    ['expiresAt infinite', { ...valid, expiresAt: Infinity }],
    ['no audience', { ...valid, audience: undefined }],
    ['an empty audience', { ...valid, audience: '' }],
    ['no entityRef', { ...valid, entityRef: undefined }],
    ['an entityRef that is a number', { ...valid, entityRef: 42 }],
    ['an empty tenant', { ...valid, tenant: '' }],
    ['a tenant that is a number', { ...valid, tenant: 7 }],
  ])('refuses %s', (_label, value) => {
    expect(() => parseMicroAppToken(value)).toThrow('The luigi backend answered the token request with something else');
  });
});

describe('LUIGI_TOKEN_CLAIMS', () => {
  it('names the claims of the public contract', () => {
    expect(Object.values(LUIGI_TOKEN_CLAIMS).sort()).toEqual([
      'app',
      'aud',
      'ent',
      'exp',
      'iat',
      'iss',
      'jti',
      'sub',
      'tenant',
    ]);
  });
});
