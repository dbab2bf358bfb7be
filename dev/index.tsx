// `npm start`: the legacy dev portal, served by Backstage's dev server.
// Backstage UI's stylesheet, which the sidebar and other core components are drawn with.
import '@backstage/ui/css/styles.css';
import { createRoot } from 'react-dom/client';
import { DevApp } from './DevApp';

createRoot(document.getElementById('root')!).render(<DevApp />);
