import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import express from 'express';
import { readAccessMode } from '../access/accessMode';
import { recordingAuditor } from '../testing/recordingAuditor';
import { ALICE, as, tenantBackendForSuite, TENANTS_CONFIG } from '../testing/tenantFixtures';
import { readTenants } from '../tenants/readTenants';
import { createTokenMinter } from './createTokenMinter';
import { DatabaseSigningKeys } from './signingKeys';
import { MintRequest, TokenMinter } from './tokenMinter';
import { createTokenRoutes } from './tokenRoutes';

jest.setTimeout(60_000);

const SUBJECT_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZUBpZHAifQ.c2lnbmF0dXJlLW9mLXRoZS1pZHA';
const SHIPMENTS = 'component:logistics/shipments';

/** The minter of the current test: what an identity provider's token exchange would do. */
let mint: jest.Mock<ReturnType<TokenMinter['mint']>, [MintRequest]> | jest.Mock;

/**
 * The token routes, mounted as the luigi plugin mounts them, with `luigi.tokens.issuedBy:
 * identity-provider` and the test's minter: the seam a token exchange minter plugs into.
 */
const exchangePlugin = createBackendPlugin({
  pluginId: 'exchange-test',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
      },
      async init({ httpRouter, config, database, ...services }) {
        const allowedOrigins = new Set(TENANTS_CONFIG.allowedOrigins.map(origin => new URL(origin).origin));
        const minter = createTokenMinter({
          issuedBy: 'identity-provider',
          luigiBackend: () => {
            throw new Error('the plugin must not sign itself when the identity provider issues tokens');
          },
          identityProvider: () => ({ mint: request => mint(request) }),
        });
        httpRouter.use(express.json());
        httpRouter.use(
          createTokenRoutes({
            ...services,
            accessMode: readAccessMode(config),
            signingKeys: await DatabaseSigningKeys.create({
              database,
              timing: { keyRotationMs: 3_600_000, tokenLifetimeMs: 300_000 },
            }),
            allowedOrigins,
            tenants: readTenants(config, allowedOrigins),
            tokenLifetimeMs: 300_000,
            minter,
          }),
        );
      },
    });
  },
});

describe('a token minter plugged in', () => {
  const auditor = recordingAuditor();
  const backend = tenantBackendForSuite([exchangePlugin, auditor.factory]);

  beforeEach(() => auditor.clear());

  async function requestToken(body: unknown) {
    const response = await fetch(`${backend.url}/api/exchange-test/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: as(ALICE) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  const finishedFor = () => auditor.finished().filter(event => event.plugin === 'exchange-test');

  it('receives every fact of the request once every check has passed, and its token is answered', async () => {
    mint = jest.fn(async () => ({
      token: 'aaaa.bbbb.cccc',
      expiresAt: Date.parse('2030-01-01T00:00:00Z'),
      issuedBy: 'identity-provider' as const,
    }));
    const response = await requestToken({ entityRef: SHIPMENTS, subjectToken: SUBJECT_TOKEN });
    expect(response).toEqual({
      status: 200,
      body: {
        token: 'aaaa.bbbb.cccc',
        expiresAt: Date.parse('2030-01-01T00:00:00Z'),
        audience: SHIPMENTS,
        entityRef: SHIPMENTS,
        tenant: 'logistics',
      },
    });
    expect(mint).toHaveBeenCalledWith({
      userEntityRef: ALICE,
      ownershipEntityRefs: [ALICE, 'group:default/team-orders'],
      entityRef: SHIPMENTS,
      audience: SHIPMENTS,
      tenant: 'logistics',
      subjectToken: SUBJECT_TOKEN,
    });
    expect(finishedFor()).toEqual([
      expect.objectContaining({
        eventId: 'micro-app-open',
        status: 'succeeded',
        meta: {
          entityRef: SHIPMENTS,
          tenant: 'logistics',
          purpose: 'open',
          audience: SHIPMENTS,
          expiresAt: '2030-01-01T00:00:00.000Z',
          issuedBy: 'identity-provider',
        },
      }),
    ]);
  });

  it('is not asked when a check refuses', async () => {
    mint = jest.fn();
    expect((await requestToken({ entityRef: 'component:payments/ledger', subjectToken: SUBJECT_TOKEN })).status).toBe(403);
    expect(mint).not.toHaveBeenCalled();
  });

  it.each([
    ['unavailable', new ServiceUnavailableError(`The identity provider did not answer for ${SUBJECT_TOKEN}`), 503, 'minter-unavailable'],
    ['refused', new NotAllowedError(`The identity provider refused the subject token ${SUBJECT_TOKEN.slice(10, 40)}`), 403, 'minter-refused'],
    ['rejecting the input', new InputError(`invalid_request: subject_token=${SUBJECT_TOKEN}`), 400, 'minter-rejected-input'],
    ['failing otherwise', new Error('socket hang up'), 500, 'minter-failed'],
  ])('%s, it is answered and recorded without any part of the subject token', async (_label, error, status, reason) => {
    mint = jest.fn(async () => {
      throw error;
    });
    const response = await requestToken({ entityRef: SHIPMENTS, subjectToken: SUBJECT_TOKEN, purpose: 'refresh' });
    expect(response.status).toBe(status);
    expect(response.body.error.name).toBe(error.name);
    const [event] = finishedFor();
    expect(event).toEqual(
      expect.objectContaining({
        eventId: 'token-refresh',
        status: 'failed',
        meta: { entityRef: SHIPMENTS, purpose: 'refresh', reason, entityTenant: 'logistics' },
        error: expect.objectContaining({ name: error.name }),
      }),
    );
    const everything = JSON.stringify([auditor.events, response.body]);
    for (let i = 0; i + 16 <= SUBJECT_TOKEN.length; i++) {
      expect(everything).not.toContain(SUBJECT_TOKEN.slice(i, i + 16));
    }
  });
});
