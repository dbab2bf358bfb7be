import { startTestBackend } from '@backstage/backend-test-utils';
import { AddressInfo } from 'node:net';
import luigiPlugin from './index';

describe('luigi backend plugin', () => {
  it('answers its health route without credentials, under /api/luigi', async () => {
    const backend = await startTestBackend({ features: [luigiPlugin] });
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
