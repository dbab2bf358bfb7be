import { assertOptionalPeer } from './optionalPeer';

describe('assertOptionalPeer', () => {
  it('lets an entry load when its optional peer is installed', () => {
    expect(() => assertOptionalPeer('scaffolder', '@backstage/plugin-scaffolder-node')).not.toThrow();
  });

  it('names the missing peer and how to add it, instead of a bare "Cannot find module"', () => {
    expect(() => assertOptionalPeer('auth', '@example/not-installed')).toThrow(
      'backstage-plugin-luigi-backend/auth needs @example/not-installed, an optional peer dependency: ' +
        'add it to your backend, e.g. `npm install @example/not-installed -w packages/backend`',
    );
  });
});
