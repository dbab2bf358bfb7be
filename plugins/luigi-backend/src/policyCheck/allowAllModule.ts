import { RootInstanceMetadataService } from '@backstage/backend-plugin-api';

/** The plugin id of Backstage's permission backend. */
export const PERMISSION_PLUGIN_ID = 'permission';

/**
 * The module id of `@backstage/plugin-permission-backend-module-allow-all-policy` (kebab-case since
 * its 0.1.5), whose policy allows every permission to every user. create-app's backend installs it.
 */
export const ALLOW_ALL_POLICY_MODULE_ID = 'allow-all-policy';

/**
 * Whether this backend runs the permission backend with the allow-all policy module, as the backend's
 * own list of its plugins and modules says. A policy of the app's own registered under the same
 * module id (Backstage's docs show one) looks the same: the warning says so.
 */
export async function hasAllowAllPolicyModule(instanceMetadata: RootInstanceMetadataService): Promise<boolean> {
  const plugins = await instanceMetadata.getInstalledPlugins();
  return plugins.some(
    plugin =>
      plugin.pluginId === PERMISSION_PLUGIN_ID &&
      plugin.modules.some(module => module.moduleId === ALLOW_ALL_POLICY_MODULE_ID),
  );
}
