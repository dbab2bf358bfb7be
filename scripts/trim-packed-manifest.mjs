// `prepack` step after `backstage-cli package prepack`: drops from the package.json that goes into
// the tarball what only developing this repository uses: its scripts (they name files the tarball
// does not hold, such as scripts/ and dev/), its dev dependencies, workspaces, overrides and
// allowScripts. Run in the package's folder (npm does). It edits only the manifest that
// `backstage-cli package prepack` rewrote, whose original it kept in package.json-prepack:
// `backstage-cli package postpack` puts that back, so the repository's package.json is unchanged.
//
// It also writes the Node.js versions the published packages support (`engines`). They are not in the
// repository's package.json files: there npm would check them on every `npm ci` of this repository
// (each package is a workspace of it, the root too) and warn on a Node.js it still runs on, such as
// 20, about our own packages.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const DEV_ONLY = ['scripts', 'devDependencies', 'workspaces', 'overrides', 'allowScripts'];
/** The Node.js versions the published packages support: the active LTS releases. */
const ENGINES = { node: '22 || 24' };

if (!existsSync('package.json-prepack')) {
  console.error(
    `\n${process.cwd()}: no package.json-prepack, so this package.json is the repository's own: not trimming it.\n` +
      'Run this only after `backstage-cli package prepack`.\n',
  );
  process.exit(1);
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
for (const key of DEV_ONLY) delete pkg[key];
pkg.engines = ENGINES;
writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
