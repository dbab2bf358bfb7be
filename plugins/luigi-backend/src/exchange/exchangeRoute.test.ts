import { mockCredentials } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { parseMicroAppToken } from 'backstage-plugin-luigi-common';
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { policyAllowing } from '../testing/policyAllowing';
import { recordingAuditor } from '../testing/recordingAuditor';
import { post } from '../testing/tenantFixtures';
import {
  startLuigiTestBackend,
  stopTestBackend,
  TOKEN_TEST_AUDIENCES,
  TOKEN_TEST_ENTITIES,
  type TestBackend,
  userInfoOwning,
} from '../testing/testBackend';
import { DevOidcProcess, startDevOidcProcess } from './testing/devOidcProcess';
import { findSecretFragment } from './testing/secretFragments';
import { signInAtDevProvider, UserTokens } from './testing/signInAtDevProvider';

// The token route with luigi.tokens.issuedBy: identity-provider, end to end: the plugin's checks and
// audit, then the exchange at the dev portal's identity provider, run as its own process.
jest.setTimeout(60_000);

const ORDERS = 'component:default/orders';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const SECRET = randomBytes(18).toString('base64url');

const catalog = createServiceFactory({
  service: catalogServiceRef,
  deps: {},
  factory: () => catalogServiceMock({ entities: TOKEN_TEST_ENTITIES }),
});

/**
 * Users own themselves and their team: a policy allowing a user in no group would be reported as
 * letting everybody in (see policyCheck), an audit event these tests do not look at.
 */
const userInfo = userInfoOwning('group:default/team-orders');

let idp: DevOidcProcess;
let alice: UserTokens;
const started: TestBackend[] = [];

beforeAll(async () => {
  idp = await startDevOidcProcess({ OIDC_EXCHANGE_CLIENT_SECRET: SECRET });
  alice = await signInAtDevProvider(idp.issuer, 'alice');
});

afterAll(async () => {
  await Promise.all(started.map(stopTestBackend));
  await idp?.stop();
});

/** A backend issuing tokens by exchange at `tokenEndpoint`; alice may open micro apps, bob may not. */
async function exchangingBackend(tokenEndpoint: string) {
  const audit = recordingAuditor();
  const config: JsonObject = {
    permission: { enabled: true },
    luigi: {
      allowedOrigins: ['https://apps.example.com'],
      tokens: {
        issuedBy: 'identity-provider',
        exchange: { tokenEndpoint, clientId: 'luigi-backend', clientSecret: SECRET },
        audiences: TOKEN_TEST_AUDIENCES,
      },
    },
  };
  const { backend, url } = await startLuigiTestBackend(config, [
    catalog,
    userInfo,
    import('@backstage/plugin-permission-backend'),
    policyAllowing('alice-only', [ALICE]),
    audit.factory,
  ]);
  started.push(backend);
  return { url, audit };
}

const asUser = (user: string) => mockCredentials.user.header(user);

describe('micro app tokens from the identity provider', () => {
  it("issues the provider's token for the app's audience, after the plugin's checks, and records it", async () => {
    const { url, audit } = await exchangingBackend(idp.tokenEndpoint);
    const answer = await post(url, '/tokens', { entityRef: ORDERS, subjectToken: alice.access_token }, asUser(ALICE));
    expect(answer.status).toBe(200);
    const issued = parseMicroAppToken(answer.body);
    const { payload } = await jwtVerify(issued.token, createRemoteJWKSet(new URL(idp.jwksUri)), {
      issuer: idp.issuer,
      audience: ORDERS,
    });
    expect(payload.act).toEqual({ sub: 'luigi-backend' });
    // From expires_in, counted from before the request: never later than the token's exp.
    expect(Math.abs(issued.expiresAt - (payload.exp as number) * 1000)).toBeLessThan(2000);

    const [event] = audit.finished();
    expect(event).toMatchObject({
      eventId: 'micro-app-open',
      status: 'succeeded',
      actorId: ALICE,
      meta: { entityRef: ORDERS, issuedBy: 'identity-provider' },
    });
    expect(findSecretFragment(JSON.stringify(audit.events), [issued.token, alice.access_token])).toBeUndefined();
  });

  it('asks the provider nothing for a user the policy denies', async () => {
    // Nothing listens there: had the provider been asked, the answer would be 503, not 403.
    const { url, audit } = await exchangingBackend('http://127.0.0.1:9/token');
    const answer = await post(url, '/tokens', { entityRef: ORDERS, subjectToken: alice.access_token }, asUser(BOB));
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toMatch(/denied: policy/);
    expect(audit.finished()).toMatchObject([{ eventId: 'micro-app-open', status: 'failed', actorId: BOB }]);
  });

  it('refuses visibly when the provider refuses the exchange, or no subject token came', async () => {
    const { url, audit } = await exchangingBackend(idp.tokenEndpoint);
    // billing's audience is an https URL off loopback, which the dev provider does not serve.
    const refused = await post(
      url,
      '/tokens',
      { entityRef: 'component:default/billing', subjectToken: alice.access_token },
      asUser(ALICE),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/invalid_target/);

    const missing = await post(url, '/tokens', { entityRef: ORDERS }, asUser(ALICE));
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/identity provider token/);

    expect(audit.finished().map(e => [e.eventId, e.status])).toEqual([
      ['micro-app-open', 'failed'],
      ['micro-app-open', 'failed'],
    ]);
    const everything = JSON.stringify([refused.body, missing.body, audit.events]);
    expect(findSecretFragment(everything, [alice.access_token, SECRET])).toBeUndefined();
  });

  it('answers 503 when the provider is down, and records the failure', async () => {
    const down = await startDevOidcProcess({ OIDC_EXCHANGE_CLIENT_SECRET: SECRET });
    const tokenEndpoint = down.tokenEndpoint;
    await down.stop();
    const { url, audit } = await exchangingBackend(tokenEndpoint);
    const answer = await post(url, '/tokens', { entityRef: ORDERS, subjectToken: alice.access_token }, asUser(ALICE));
    expect(answer.status).toBe(503);
    expect(audit.finished()).toMatchObject([{ eventId: 'micro-app-open', status: 'failed', actorId: ALICE }]);
  });
});
