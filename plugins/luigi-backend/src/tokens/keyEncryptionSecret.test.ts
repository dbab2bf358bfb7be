import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { loadConfigSchema } from '@backstage/config-loader';
import luigiPlugin from '../index';
import { readKeyEncryptionSecret } from './keyEncryptionSecret';

// Loading the config schemas compiles them: seconds.
jest.setTimeout(60_000);

const GOOD = 'x'.repeat(32);
const read = (tokens: object | undefined, issuedBy: 'luigi-backend' | 'identity-provider' = 'luigi-backend') =>
  readKeyEncryptionSecret(mockServices.rootConfig({ data: tokens ? { luigi: { tokens } } : {} } as any), issuedBy);

describe('readKeyEncryptionSecret', () => {
  it('reads a secret of 32 characters or more', () => {
    expect(read({ keyEncryptionSecret: GOOD })).toBe(GOOD);
    expect(read({ keyEncryptionSecret: `${GOOD}+more` }, 'identity-provider')).toBe(`${GOOD}+more`);
  });

  it.each([[undefined], [{}], [{ keyEncryptionSecret: '' }]])(
    'refuses to start without one while the backend signs tokens (%j), saying how to make one',
    tokens => {
      expect(() => read(tokens)).toThrow(
        new RegExp(
          '^luigi\\.tokens\\.keyEncryptionSecret is required when the luigi backend signs micro app tokens .*' +
            `node -p "require\\('node:crypto'\\)\\.randomBytes\\(32\\)\\.toString\\('base64'\\)".*` +
            'give every replica the same one\\.$',
        ),
      );
    },
  );

  it('needs none when the identity provider issues tokens', () => {
    expect(read(undefined, 'identity-provider')).toBeUndefined();
  });

  it.each([['luigi-backend' as const], ['identity-provider' as const]])(
    'refuses a secret shorter than 32 characters (%s), without showing it',
    issuedBy => {
      const short = 'y'.repeat(31);
      let message = '';
      try {
        read({ keyEncryptionSecret: short }, issuedBy);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(
        /^luigi\.tokens\.keyEncryptionSecret must be at least 32 characters, got 31\. Make one with node -p/,
      );
      expect(message).not.toContain(short);
    },
  );

  it('refuses what is not a string', () => {
    expect(() => read({ keyEncryptionSecret: 12345 })).toThrow(/luigi\.tokens\.keyEncryptionSecret/);
  });

  it('is a secret in the config schema: never sent to the page, masked where config is shown', async () => {
    const schema = await loadConfigSchema({ dependencies: ['backstage-plugin-luigi', 'backstage-plugin-luigi-backend'] });
    const data = {
      app: { baseUrl: 'https://portal.example.com' },
      backend: { baseUrl: 'https://portal.example.com', listen: { port: 7007 } },
      luigi: { allowedOrigins: ['https://apps.example.com'], tokens: { keyEncryptionSecret: GOOD } },
    };
    const visibilities: Record<string, string> = {};
    schema.process([{ data, context: 'app-config.yaml' }], {
      ignoreSchemaErrors: true,
      valueTransform: (value, context) => {
        visibilities[context.path] = context.visibility;
        return value;
      },
    });
    expect(visibilities['luigi.tokens.keyEncryptionSecret']).toBe('secret');
    const [frontend] = schema.process([{ data, context: 'app-config.yaml' }], { visibility: ['frontend'] });
    expect(JSON.stringify(frontend.data)).not.toContain(GOOD);
  });
});

describe('the luigi backend plugin without a key encryption secret', () => {
  it('refuses to start, naming the setting', async () => {
    await expect(
      startTestBackend({ features: [luigiPlugin, mockServices.rootConfig.factory({ data: {} })] }),
    ).rejects.toThrow(/luigi\.tokens\.keyEncryptionSecret is required/);
  });

  it('refuses to start with a short one', async () => {
    const config = mockServices.rootConfig.factory({ data: { luigi: { tokens: { keyEncryptionSecret: 'short' } } } });
    await expect(startTestBackend({ features: [luigiPlugin, config] })).rejects.toThrow(
      /luigi\.tokens\.keyEncryptionSecret must be at least 32 characters, got 5/,
    );
  });
});
