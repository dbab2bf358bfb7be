// Loads the frontend features of the backend's dynamic plugins: what `dynamicFrontendFeaturesLoader`
// of `@backstage/frontend-dynamic-feature-loader` does, step for step, for as long as that package
// is not on the npm registry. The backend's dynamic feature service lists the remotes; the module
// federation runtime loads each exposed module with the shared dependencies the Backstage CLI put
// in the app's bundle; a default export that is a new-frontend-system plugin or module is a feature.
import { loadModuleFederationHostShared } from '@backstage/module-federation-common';
import { FrontendFeature, createFrontendFeatureLoader } from '@backstage/frontend-plugin-api';
import { createInstance } from '@module-federation/runtime';

/** One entry of `GET /.backstage/dynamic-features/remotes`. */
type Remote = {
  packageName: string;
  remoteInfo: { name: string; entry: string };
  exposedModules: string[];
};

function isFeature(value: unknown): value is FrontendFeature {
  const type = (value as { $$type?: unknown } | null)?.$$type;
  return type === '@backstage/FrontendPlugin' || type === '@backstage/FrontendModule';
}

/** The app's feature loader: every remote the backend serves, each exposed module's default export. */
export const dynamicFrontendFeaturesLoader = createFrontendFeatureLoader({
  async loader({ config }) {
    const response = await fetch(`${config.getString('backend.baseUrl')}/.backstage/dynamic-features/remotes`);
    if (!response.ok) throw new Error(`dynamic features: ${response.status} ${response.statusText}`);
    const remotes: Remote[] = await response.json();

    const instance = createInstance({
      name: (config.getOptionalString('app.packageName') ?? 'app').replace(/[@/-]/g, '_'),
      shared: await loadModuleFederationHostShared(),
      remotes: remotes.map(remote => ({ alias: remote.packageName, ...remote.remoteInfo })),
    });

    const features: FrontendFeature[] = [];
    for (const remote of remotes) {
      for (const exposed of remote.exposedModules) {
        const id = exposed === '.' ? remote.remoteInfo.name : `${remote.remoteInfo.name}/${exposed}`;
        const module = await instance.loadRemote<{ default?: unknown }>(id);
        // The root entry point is the legacy plugin's; its new-system plugin is ./alpha's default.
        if (isFeature(module?.default)) features.push(module.default);
      }
    }
    return features;
  },
});
