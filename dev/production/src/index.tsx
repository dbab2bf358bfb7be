// The legacy dev portal as an app package (`backstage-cli package build`). It imports the app rather
// than dev/index.tsx: the plugin package is side-effect free, so a bare import would be dropped.
import '@backstage/ui/css/styles.css';
import { createRoot } from 'react-dom/client';
import { DevApp } from '../../DevApp';

createRoot(document.getElementById('root')!).render(<DevApp />);
