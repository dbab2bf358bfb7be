// The host's backend: Backstage's own, with the dynamic feature service loading whatever the dynamic
// plugins root holds (the luigi backend plugin, and the frontend's module federation remote, which
// it serves under /.backstage/dynamic-features). Nothing of luigi is imported here. Plain CommonJS,
// run by node as it is: no build step in the way of what is tested.
const { createBackend } = require('@backstage/backend-defaults');
const { dynamicPluginsFeatureLoader } = require('@backstage/backend-dynamic-feature-service');

const backend = createBackend();
backend.add(dynamicPluginsFeatureLoader);
// Serves the host app (app.packageName) with the config schemas of the dynamic plugins.
backend.add(require('@backstage/plugin-app-backend'));
backend.add(require('@backstage/plugin-auth-backend'));
backend.add(require('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(require('@backstage/plugin-catalog-backend'));
backend.add(require('@backstage/plugin-permission-backend'));
backend.add(require('./ownerPolicy'));
backend.start();
