// `backstage-plugin-luigi-backend/auth` builds on Backstage's OpenID Connect authenticator, an
// optional peer dependency of this package: only a backend that adds this module installs it. Checked
// before the module loads it, so a backend without it learns what to add instead of a bare
// "Cannot find module".
const PEER = '@backstage/plugin-auth-backend-module-oidc-provider';

try {
  require.resolve(PEER);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
  throw new Error(
    `backstage-plugin-luigi-backend/auth needs ${PEER}, an optional peer dependency: ` +
      `add it to your backend, e.g. \`npm install ${PEER} -w packages/backend\` ` +
      `(\`yarn --cwd packages/backend add ${PEER}\`).`,
  );
}

export {};
