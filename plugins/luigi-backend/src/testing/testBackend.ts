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

/**
 * Starts the luigi plugin in a test backend with this app-config and further features. A request
 * without credentials is anonymous, as in a real backend (the mock default would be a user), and
 * one plugin's request on behalf of a user carries the calling service, as in a real backend (so
 * the permission backend can resolve conditions through a plugin's apply-conditions).
 */
export async function startLuigiTestBackend(
  config: JsonObject,
  features: Parameters<typeof startTestBackend>[0]['features'] = [],
): Promise<{ backend: TestBackend; url: string }> {
  const backend = await startTestBackend({
    features: [
      luigiPlugin,
      mockServices.rootConfig.factory({ data: config }),
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

/** A Component in the default namespace with these annotations, owned by team-orders. */
export function componentWith(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'website', lifecycle: 'production', owner: 'team-orders' },
  };
}
