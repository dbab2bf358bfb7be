import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { AddressInfo } from 'node:net';
import luigiPlugin from '../index';
import { onBehalfOfHttpAuth } from './onBehalfOfHttpAuth';

/** A backend started by `startTestBackend`. */
export type TestBackend = Awaited<ReturnType<typeof startTestBackend>>;

/** The base URL a test backend listens on. */
export function urlOf(backend: TestBackend): string {
  return `http://localhost:${(backend.server.address() as AddressInfo).port}`;
}

/** A throwaway `luigi.tokens.keyEncryptionSecret` for test backends. */
export const TEST_KEY_ENCRYPTION_SECRET = 'test-backend-only-key-encryption-secret';

/** `config` with {@link TEST_KEY_ENCRYPTION_SECRET}, unless it sets `luigi.tokens.keyEncryptionSecret` itself. */
export function withKeyEncryptionSecret<T extends object>(config: T): T {
  const { luigi = {} } = config as { luigi?: { tokens?: object } };
  return {
    ...config,
    luigi: { ...luigi, tokens: { keyEncryptionSecret: TEST_KEY_ENCRYPTION_SECRET, ...luigi.tokens } },
  };
}

/**
 * Starts the luigi plugin in a test backend with this app-config (plus a key encryption secret, unless
 * it has one) and further features. A request without credentials is anonymous, as in a real backend
 * (the mock default would be a user), and one plugin's request on behalf of a user carries the calling
 * service, as in a real backend (so the permission backend can resolve conditions through a plugin's
 * apply-conditions).
 */
export async function startLuigiTestBackend(
  config: JsonObject,
  features: Parameters<typeof startTestBackend>[0]['features'] = [],
): Promise<{ backend: TestBackend; url: string }> {
  const backend = await startTestBackend({
    features: [
      luigiPlugin,
      mockServices.rootConfig.factory({ data: withKeyEncryptionSecret(config) }),
      onBehalfOfHttpAuth,
      ...(features ?? []),
    ],
  });
  return { backend, url: urlOf(backend) };
}

/** Stops a test backend. Keep-alive connections from a test's fetches would hold it (and Jest) open. */
export async function stopTestBackend(backend: TestBackend) {
  backend.server.closeAllConnections();
  await backend.stop();
}

/** A started test backend and the base URL it listens on. */
export interface StartedTestBackend {
  backend: TestBackend;
  url: string;
}

/**
 * Starts a test backend with `start` before the tests of the enclosing `describe` block (or file)
 * and stops it after them. The object returned is filled in once the backend is up: read its `url`
 * in tests and hooks, not while the block is being defined.
 */
export function testBackendForSuite(start: () => Promise<StartedTestBackend>): StartedTestBackend {
  const started = {} as StartedTestBackend;
  beforeAll(async () => {
    Object.assign(started, await start());
  });
  afterAll(async () => {
    await stopTestBackend(started.backend);
  });
  return started;
}

/** Runs `test` against the backend `starting` resolves to, and stops that backend afterwards, passed or failed. */
export async function withTestBackend<T>(starting: Promise<StartedTestBackend>, test: (url: string) => Promise<T>): Promise<T> {
  const { backend, url } = await starting;
  try {
    return await test(url);
  } finally {
    await stopTestBackend(backend);
  }
}

/** A userInfo service for test backends: every user owns their own entity and these `groups`. */
export function userInfoOwning(...groups: string[]) {
  return userInfoWithGroups(() => groups);
}

/**
 * A userInfo service for test backends: every user owns their own entity and the groups `groups`
 * lists for them, or answers for them (read when asked, so a test may add users as it goes).
 */
export function userInfoWithGroups(
  groups: Readonly<Record<string, readonly string[]>> | ((userEntityRef: string) => readonly string[]),
) {
  const groupsOf = typeof groups === 'function' ? groups : (user: string) => groups[user] ?? [];
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: any) {
        const userEntityRef = credentials.principal.userEntityRef;
        return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groupsOf(userEntityRef)] };
      },
    }),
  });
}

/**
 * Micro app registrations both token tests use: a plain one, one with its own token audience, one
 * on an origin outside the allowlist, one with a malformed audience, and an entity with no view.
 */
export const TOKEN_TEST_ENTITIES: Entity[] = [
  componentWith('orders', { 'luigi-project.io/view-url': 'https://apps.example.com/orders/' }),
  componentWith('billing', {
    'luigi-project.io/view-url': 'https://apps.example.com/billing/',
    'luigi-project.io/token-audience': 'https://apps.example.com/billing',
  }),
  componentWith('docs', { 'backstage.io/techdocs-ref': 'dir:.' }),
  componentWith('foreign', { 'luigi-project.io/view-url': 'https://evil.example.net/' }),
  componentWith('bad-audience', {
    'luigi-project.io/view-url': 'https://apps.example.com/x/',
    'luigi-project.io/token-audience': 'two words',
  }),
];

/** `luigi.tokens.audiences` for {@link TOKEN_TEST_ENTITIES}: billing's own audience, assigned by the admin. */
export const TOKEN_TEST_AUDIENCES = [{ entityRef: 'component:default/billing', audience: 'https://apps.example.com/billing' }];

/** A Component in the default namespace with these annotations, owned by team-orders. */
export function componentWith(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'website', lifecycle: 'production', owner: 'team-orders' },
  };
}
