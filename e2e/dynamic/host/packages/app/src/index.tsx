// The host app: Backstage's new frontend system with the catalog, a guest sign-in and the features
// the backend's dynamic plugins root offers as module federation remotes. Nothing of luigi is
// imported: its page, sidebar item and entity tab come from the remote at run time.
import { SignInPage } from '@backstage/core-components';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { createRoot } from 'react-dom/client';
import { dynamicFrontendFeaturesLoader } from './dynamicFrontendFeaturesLoader';

const guestSignIn = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: { loader: async () => props => <SignInPage {...props} providers={['guest']} /> },
    }),
  ],
});

const app = createApp({ features: [catalogPlugin, guestSignIn, dynamicFrontendFeaturesLoader] });

createRoot(document.getElementById('root')!).render(app.createRoot());
