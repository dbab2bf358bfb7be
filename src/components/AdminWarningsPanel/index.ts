export { AdminWarningsPanel } from './AdminWarningsPanel';
