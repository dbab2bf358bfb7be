// Self-contained Jest config for this package. It reuses Backstage's SWC transform
// and jsdom environment, but does not re-export Backstage's whole jest config:
// that wrapper deadlocks and exits 0 having run no test.
const testJest = '@backstage/cli-module-test-jest/config';
const swc = require.resolve(`${testJest}/jestSwcTransform`);

// Packages published untranspiled (ESM) that the SWC transform must still handle.
const transformIgnorePattern = [
  '@material-ui',
  'ajv',
  'core-js',
  'jest-.*',
  'jsdom',
  'react',
  'react-dom',
  'json-schema',
  'react-use/lib',
  'typescript',
].join('|');

const tsx = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
  },
};

const transform = {
  '\\.(mjs|cjs|js)$': [swc, { jsc: { parser: { syntax: 'ecmascript' } } }],
  '\\.ts$': [swc, { jsc: { parser: { syntax: 'typescript' } } }],
  '\\.tsx$': [swc, tsx],
  '\\.(png|svg|woff2?)$': require.resolve(`${testJest}/jestFileTransform.js`),
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'frontend',
      rootDir: __dirname,
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.test.{ts,tsx}'],
      testEnvironment: require.resolve(`${testJest}/jest-environment-jsdom`),
      setupFilesAfterEnv: ['<rootDir>/src/setupTests.ts'],
      transform,
      moduleNameMapper: { '\\.css$': '<rootDir>/src/testing/styleStub.js' },
      transformIgnorePatterns: [`/node_modules/(?:${transformIgnorePattern})/`],
    },
    {
      // The common package and the backend plugin run in Node, as they do in a Backstage backend.
      displayName: 'common and backend',
      rootDir: __dirname,
      roots: ['<rootDir>/plugins'],
      testMatch: ['**/src/**/*.test.ts'],
      testEnvironment: 'node',
      // A real PostgreSQL for the tests on TestDatabases' POSTGRES_18 (scripts/jestPostgresSetup.js).
      globalSetup: '<rootDir>/scripts/jestPostgresSetup.js',
      globalTeardown: '<rootDir>/scripts/jestPostgresTeardown.js',
      transform,
      transformIgnorePatterns: [`/node_modules/(?:${transformIgnorePattern})/`],
    },
  ],
};
