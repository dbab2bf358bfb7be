// Exports the plugins as dynamic plugins the way a plugin author does: in a repository of the built
// packages in their source form (what `npm run build` leaves), the RHDH CLI's `plugin export` derives
// `<name>-dynamic` in each package's dist-dynamic/, and `npm pack` there makes the tarball an admin
// installs. It runs on a copy outside this repository: the frontend's export writes its module
// federation build over the package's dist/ and the backend's needs a yarn.lock.
import { cp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { npm, run } from './commands.mjs';

/** Each package of the family: its folder here, and what a built package folder holds besides package.json. */
const PACKAGES = {
  'backstage-plugin-luigi': { from: '.', files: ['src', 'config', 'LICENSE'] },
  'backstage-plugin-luigi-backend': { from: 'plugins/luigi-backend', files: ['dist', 'migrations', 'config.d.ts', 'LICENSE'] },
  'backstage-plugin-luigi-common': { from: 'plugins/luigi-common', files: ['dist', 'LICENSE'] },
};

/** Manifest fields of this repository's own development, which a plugin author's package would not have. */
const DEVELOPMENT_ONLY = ['devDependencies', 'scripts', 'workspaces', 'overrides', 'allowScripts'];

async function copyPackage(root, dir, { from, files }) {
  await mkdir(dir, { recursive: true });
  const pkg = JSON.parse(await readFile(join(root, from, 'package.json'), 'utf8'));
  for (const key of DEVELOPMENT_ONLY) delete pkg[key];
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  for (const file of files) await cp(join(root, from, file), join(dir, file), { recursive: true });
}

/**
 * Exports the backend and the frontend of the built repository at `root` in `work`, with the RHDH CLI
 * at `cli` (`env`: what it runs with; yarn 1 on its PATH). Resolves with the tarball of each derived
 * package by its name (`backstage-plugin-luigi-backend-dynamic`, `backstage-plugin-luigi-dynamic`) and
 * the exported folders.
 */
export async function exportDynamicPlugins({ root, work, cli, env }) {
  const repo = join(work, 'export');
  const dirs = {};
  for (const [name, source] of Object.entries(PACKAGES)) {
    dirs[name] = join(repo, 'plugins', name);
    await copyPackage(root, dirs[name], source);
  }
  await writeFile(
    join(repo, 'package.json'),
    `${JSON.stringify({ name: 'luigi-plugins', private: true, workspaces: ['plugins/*'] }, null, 2)}\n`,
  );
  // A Backstage repository's own: the frontend's export reads it.
  await writeFile(
    join(repo, 'tsconfig.json'),
    `${JSON.stringify({ extends: '@backstage/cli/config/tsconfig.json', include: ['plugins/*/src'], compilerOptions: { jsx: 'react-jsx' } }, null, 2)}\n`,
  );
  // The backend's export starts its dist-dynamic/yarn.lock from the repository's; an empty one makes
  // yarn resolve the private dependencies afresh.
  await writeFile(join(repo, 'yarn.lock'), '');
  // The installed dependencies: what the frontend is bundled from and the backend's entry points are
  // checked against (the exporter loads them, with @backstage/* from here).
  await symlink(join(root, 'node_modules'), join(repo, 'node_modules'), 'dir');

  // --no-build: the packages are built already. The common package is embedded (its name is the
  // backend's with -common), @backstage/* become peer dependencies, the rest is installed beside it.
  await run(cli, ['plugin', 'export', '--no-build'], { cwd: dirs['backstage-plugin-luigi-backend'], env });
  // Module federation assets only: Backstage's frontend loader reads those. The default also builds
  // Scalprum assets, for RHDH's legacy frontend, which nothing here can load.
  await run(cli, ['plugin', 'export', '--no-generate-scalprum-assets'], { cwd: dirs['backstage-plugin-luigi'], env });

  const out = join(work, 'exported');
  await mkdir(out);
  const tarballs = {};
  const exported = {};
  for (const name of ['backstage-plugin-luigi-backend', 'backstage-plugin-luigi']) {
    const dir = join(dirs[name], 'dist-dynamic');
    const before = new Set(await readdir(out));
    await npm(['pack', '--pack-destination', out], { cwd: dir });
    const [file] = (await readdir(out)).filter(entry => !before.has(entry));
    tarballs[`${name}-dynamic`] = join(out, file);
    exported[`${name}-dynamic`] = dir;
  }
  return { tarballs, exported };
}
