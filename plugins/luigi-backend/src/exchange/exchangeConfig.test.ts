import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readTokenExchangeConfig } from './exchangeConfig';

const EXCHANGE = {
  tokenEndpoint: 'https://idp.example.com/oauth2/token',
  clientId: 'luigi-backend',
  clientSecret: 's3cret',
};

const read = (tokens?: Record<string, unknown>) =>
  readTokenExchangeConfig(new ConfigReader(tokens === undefined ? {} : ({ luigi: { tokens } } as JsonObject)));

const exchange = (overrides: Record<string, unknown>) =>
  read({ issuedBy: 'identity-provider', exchange: { ...EXCHANGE, ...overrides } });

describe('readTokenExchangeConfig', () => {
  it('reads nothing while the luigi backend issues the tokens (the default)', () => {
    expect(read()).toBeUndefined();
    expect(read({ issuedBy: 'luigi-backend' })).toBeUndefined();
    // Exchange settings left over from trying the other mode are not judged.
    expect(read({ issuedBy: 'luigi-backend', exchange: { tokenEndpoint: 'http://idp.example.com' } })).toBeUndefined();
  });

  it('reads the exchange with its defaults', () => {
    expect(exchange({})).toEqual({
      tokenEndpoint: 'https://idp.example.com/oauth2/token',
      clientId: 'luigi-backend',
      clientSecret: 's3cret',
      subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token',
      audienceParameter: 'audience',
      scopes: [],
      timeoutMs: 5000,
    });
  });

  it('reads every optional setting', () => {
    expect(
      exchange({
        tokenEndpoint: 'http://localhost:7300/token',
        subjectTokenType: 'urn:ietf:params:oauth:token-type:id_token',
        audienceParameter: 'resource',
        scopes: ['openid', 'groups', 'openid'],
        timeoutMs: 100,
      }),
    ).toEqual({
      ...EXCHANGE,
      tokenEndpoint: 'http://localhost:7300/token',
      subjectTokenType: 'urn:ietf:params:oauth:token-type:id_token',
      audienceParameter: 'resource',
      scopes: ['openid', 'groups'],
      timeoutMs: 100,
    });
    expect(exchange({ timeoutMs: 60_000 })?.timeoutMs).toBe(60_000);
    // A provider's own subject token type (Auth0's custom token exchange needs one).
    expect(exchange({ subjectTokenType: 'urn:acme:legacy-token' })?.subjectTokenType).toBe('urn:acme:legacy-token');
  });

  it.each(['http://127.0.0.1:7300/token', 'http://[::1]:7300/token', 'https://idp.example.com/token?p=policy'])(
    'accepts the token endpoint %s',
    tokenEndpoint => {
      expect(exchange({ tokenEndpoint })?.tokenEndpoint).toBe(tokenEndpoint);
    },
  );

  it('refuses an issuer it does not know, rather than falling back to one', () => {
    expect(() => read({ issuedBy: 'identity_provider' })).toThrow(
      'luigi.tokens.issuedBy must be luigi-backend or identity-provider, got "identity_provider"',
    );
  });

  it('refuses identity-provider without luigi.tokens.exchange', () => {
    expect(() => read({ issuedBy: 'identity-provider' })).toThrow(
      /^luigi\.tokens\.exchange is required when luigi\.tokens\.issuedBy is identity-provider/,
    );
  });

  it.each([
    [{ clientSecret: undefined }, 'luigi.tokens.exchange is incomplete: clientSecret is missing'],
    [{ tokenEndpoint: ' ', clientId: undefined }, 'luigi.tokens.exchange is incomplete: tokenEndpoint, clientId are missing'],
  ])('refuses incomplete settings %j', (overrides, message) => {
    expect(() => exchange(overrides)).toThrow(message);
  });

  it.each([
    ['not a URL', 'idp.example.com/token', 'luigi.tokens.exchange.tokenEndpoint is not a URL'],
    ['plain http', 'http://idp.example.com/token', 'must be an https URL (http only on loopback), got http://idp.example.com'],
    ['another scheme', 'ftp://idp.example.com/token', 'must be an https URL (http only on loopback), got ftp://idp.example.com'],
    ['credentials', 'https://user:pass@idp.example.com/token', 'must not carry credentials'],
    ['a fragment', 'https://idp.example.com/token#x', 'must not have a fragment'],
  ])('refuses a token endpoint with %s', (_, tokenEndpoint, message) => {
    expect(() => exchange({ tokenEndpoint })).toThrow(message);
  });

  it('never repeats credentials of a refused token endpoint', () => {
    expect(() => exchange({ tokenEndpoint: 'http://user:hunter2@idp.example.com/token' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it.each([
    [{ audienceParameter: 'aud' }, 'luigi.tokens.exchange.audienceParameter must be audience or resource, got "aud"'],
    [{ subjectTokenType: 'access_token' }, 'luigi.tokens.exchange.subjectTokenType must be a token type URI'],
    [{ scopes: ['openid groups'] }, 'luigi.tokens.exchange.scopes must be OAuth scope names without spaces or quotes, got "openid groups"'],
    [{ scopes: [''] }, /luigi\.tokens\.exchange\.scopes/],
    [{ timeoutMs: 99 }, 'luigi.tokens.exchange.timeoutMs must be a whole number of milliseconds from 100 to 60000, got 99'],
    [{ timeoutMs: 60_001 }, 'from 100 to 60000, got 60001'],
    [{ timeoutMs: 1500.5 }, 'from 100 to 60000, got 1500.5'],
    [{ timeoutMs: 'soon' }, /timeoutMs/],
  ])('refuses %j', (overrides, message) => {
    expect(() => exchange(overrides)).toThrow(message);
  });
});
