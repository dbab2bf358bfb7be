import { startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AddressInfo } from 'node:net';

/** A backend started by `startTestBackend`. */
export type TestBackend = Awaited<ReturnType<typeof startTestBackend>>;

/** The base URL a test backend listens on. */
export function urlOf(backend: TestBackend): string {
  return `http://localhost:${(backend.server.address() as AddressInfo).port}`;
}

/** Stops a test backend. Keep-alive connections from a test's fetches would hold it (and Jest) open. */
export async function stopTestBackend(backend: TestBackend) {
  backend.server.closeAllConnections();
  await backend.stop();
}

/** A Component in the default namespace with these annotations, owned by team-orders. */
export function componentWith(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'website', lifecycle: 'production', owner: 'team-orders' },
  };
}
