import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { TokenExchangeConfig } from './exchangeConfig';
import { TOKEN_EXCHANGE } from './oauthNames';
import { TokenExchangeMinter } from './tokenExchangeMinter';
import { DevOidcProcess, startDevOidcProcess } from './testing/devOidcProcess';
import { findSecretFragment } from './testing/secretFragments';
import { signInAtDevProvider, UserTokens } from './testing/signInAtDevProvider';

// Against the dev portal's identity provider, run as its own process: the real grant, the real keys.
jest.setTimeout(20_000);

const ORDERS = 'component:default/orders';
const SECRET = randomBytes(18).toString('base64url');

let idp: DevOidcProcess;
let alice: UserTokens;
/** Every error message seen: none may hold a piece of a token or of the secret. */
const messages: string[] = [];

beforeAll(async () => {
  // ID tokens expire after a second: the expired subject needs no long wait.
  idp = await startDevOidcProcess({ OIDC_EXCHANGE_CLIENT_SECRET: SECRET, OIDC_ID_TOKEN_TTL: '1' });
  alice = await signInAtDevProvider(idp.issuer, 'alice');
});

afterAll(async () => {
  await idp?.stop();
});

function settings(overrides: Partial<TokenExchangeConfig> = {}): TokenExchangeConfig {
  return {
    tokenEndpoint: idp.tokenEndpoint,
    clientId: 'luigi-backend',
    clientSecret: SECRET,
    subjectTokenType: TOKEN_EXCHANGE.accessTokenType,
    audienceParameter: 'audience',
    scopes: [],
    timeoutMs: 5000,
    ...overrides,
  };
}

function mint(overrides: Partial<TokenExchangeConfig> = {}, audience = ORDERS, subjectToken = alice.access_token) {
  return new TokenExchangeMinter({ settings: settings(overrides) }).mint({
    userEntityRef: 'user:default/alice',
    ownershipEntityRefs: ['user:default/alice'],
    entityRef: ORDERS,
    audience,
    subjectToken,
  });
}

/** The error a mint fails with, kept for the fragment check at the end. */
async function failure(minting: Promise<unknown>): Promise<Error> {
  const error = await minting.then(
    () => {
      throw new Error('minted, but should have been refused');
    },
    (e: Error) => e,
  );
  messages.push(error.message);
  return error;
}

async function verify(token: string, audience: string) {
  const jwks = createRemoteJWKSet(new URL(idp.jwksUri));
  return (await jwtVerify(token, jwks, { issuer: idp.issuer, audience, algorithms: ['RS256'] })).payload;
}

describe('TokenExchangeMinter against the dev identity provider', () => {
  it("exchanges the user's token for one the micro app verifies at the provider's JWKS", async () => {
    const before = Date.now();
    const minted = await mint();
    const claims = await verify(minted.token, ORDERS);
    expect(claims).toMatchObject({ sub: 'alice', aud: ORDERS, act: { sub: 'luigi-backend' }, client_id: 'luigi-backend' });
    expect(minted).toEqual({
      token: expect.any(String),
      expiresAt: expect.any(Number),
      tokenId: claims.jti,
      issuedBy: 'identity-provider',
    });
    // From expires_in, read against the clock before asking: never later than the token's exp.
    expect(minted.expiresAt).toBeGreaterThan(before);
    expect(minted.expiresAt).toBeLessThanOrEqual(claims.exp! * 1000 + 1000);
    expect(minted.expiresAt).toBeGreaterThanOrEqual(claims.exp! * 1000 - 2000);
  });

  it('names the audience by resource when configured so', async () => {
    const target = 'https://localhost:8443/orders/';
    const minted = await mint({ audienceParameter: 'resource' }, target);
    expect((await verify(minted.token, target)).sub).toBe('alice');
  });

  it('asks for the configured scopes', async () => {
    const minted = await mint({ scopes: ['openid', 'groups'] });
    expect((await verify(minted.token, ORDERS)).scope).toBe('openid groups');
  });

  it('refuses an audience the provider does not serve (403, invalid_target)', async () => {
    const error = await failure(mint({}, 'https://evil.example.com/'));
    expect(error).toMatchObject({ name: 'NotAllowedError' });
    expect(error.message).toMatch(
      /^The identity provider refused the token exchange for https:\/\/evil\.example\.com\/: invalid_target \(.+\)$/,
    );
  });

  it('refuses a forged subject token (403, invalid_grant)', async () => {
    const [header, payload] = alice.access_token.split('.');
    const forged = `${header}.${payload}.${randomBytes(256).toString('base64url')}`;
    const error = await failure(mint({}, ORDERS, forged));
    expect(error).toMatchObject({ name: 'NotAllowedError', message: expect.stringContaining(': invalid_grant') });
  });

  it('refuses an expired subject token (403, invalid_grant)', async () => {
    const { exp } = decodeJwt(alice.id_token);
    await new Promise(done => setTimeout(done, Math.max(0, exp! * 1000 - Date.now() + 50)));
    const error = await failure(mint({ subjectTokenType: TOKEN_EXCHANGE.idTokenType }, ORDERS, alice.id_token));
    expect(error).toMatchObject({ name: 'NotAllowedError', message: expect.stringContaining(': invalid_grant') });
  });

  it('refuses when the client secret is wrong (403, invalid_client)', async () => {
    const error = await failure(mint({ clientSecret: `${SECRET}-wrong` }));
    expect(error).toMatchObject({ name: 'NotAllowedError', message: expect.stringContaining(': invalid_client') });
  });

  it("needs the user's identity provider token, and asks nobody without it (400)", async () => {
    const error = await failure(mint({ tokenEndpoint: 'http://127.0.0.1:9/token' }, ORDERS, ''));
    expect(error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining("needs the user's identity provider token"),
    });
  });

  it('is unavailable while the provider is down (503)', async () => {
    const stopped = await startDevOidcProcess({ OIDC_EXCHANGE_CLIENT_SECRET: SECRET });
    await stopped.stop();
    const error = await failure(mint({ tokenEndpoint: stopped.tokenEndpoint }));
    expect(error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: "The identity provider's token endpoint could not be reached (ECONNREFUSED)",
    });
  });

  describe('with a provider that never answers', () => {
    let hung: Server;
    let url: string;

    beforeAll(async () => {
      hung = createServer(() => {
        // Accepts the request, then says nothing.
      });
      await new Promise<void>(done => hung.listen(0, '127.0.0.1', done));
      url = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/token`;
    });

    afterAll(async () => {
      hung.closeAllConnections();
      await new Promise(done => hung.close(done));
    });

    it('is unavailable once the timeout has passed (503)', async () => {
      const started = Date.now();
      const error = await failure(mint({ tokenEndpoint: url, timeoutMs: 300 }));
      const elapsed = Date.now() - started;
      expect(error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: "The identity provider's token endpoint did not answer within 300 ms",
      });
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1500);
    });
  });

  // Last: jest runs a file's tests in order, so every refusal above has been collected.
  it('puts no piece of a token or of the secret in any message', () => {
    const secrets = [alice.access_token, alice.id_token, SECRET, `${SECRET}-wrong`];
    expect(messages.length).toBeGreaterThanOrEqual(7);
    for (const message of messages) expect(findSecretFragment(message, secrets)).toBeUndefined();
  });
});
