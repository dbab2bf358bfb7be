import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AddressInfo } from 'node:net';
import luigiPlugin from './index';
import { withKeyEncryptionSecret } from './testing/testBackend';

describe('luigi backend plugin', () => {
  it('answers its health route without credentials, under /api/luigi', async () => {
    const config = mockServices.rootConfig.factory({ data: withKeyEncryptionSecret({}) });
    const backend = await startTestBackend({ features: [luigiPlugin, config] });
    try {
      const { port } = backend.server.address() as AddressInfo;
      const response = await fetch(`http://localhost:${port}/api/luigi/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    } finally {
      await backend.stop();
    }
  });
});
