// Installs the plugins a dynamic-plugins.yaml lists into a dynamic plugins root, as RHDH's installer
// does at the portal's start: each enabled package unpacked into a folder of its own, and the
// `pluginConfig` of every enabled plugin merged into one app-config file for the backend.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { run } from './commands.mjs';

/** Merges `source` into `target`: objects key by key, anything else (lists included) replaced. */
function merge(target, source) {
  for (const [key, value] of Object.entries(source ?? {})) {
    const isObject = v => v !== null && typeof v === 'object' && !Array.isArray(v);
    target[key] = isObject(value) && isObject(target[key]) ? merge(target[key], value) : value;
  }
  return target;
}

/** The `plugins` of a dynamic-plugins.yaml that are not `disabled`. */
export async function readEnabledPlugins(file) {
  const { plugins = [] } = parse(await readFile(file, 'utf8'));
  return plugins.filter(plugin => !plugin.disabled);
}

/**
 * Unpacks each enabled plugin's package (a tarball path, relative to `packagesDir`) into `root`, and
 * writes their merged pluginConfig to `configFile`. Resolves with the folder of each installed
 * package, by the tarball's name.
 */
export async function installDynamicPlugins({ plugins, packagesDir, root, configFile }) {
  const installed = {};
  const config = {};
  for (const plugin of plugins) {
    const tarball = resolve(packagesDir, plugin.package);
    const dir = join(root, basename(tarball, '.tgz'));
    await mkdir(dir, { recursive: true });
    await run('tar', ['xzf', tarball, '-C', dir, '--strip-components=1']);
    installed[basename(tarball)] = dir;
    merge(config, plugin.pluginConfig);
  }
  await writeFile(configFile, stringify(config));
  return installed;
}
