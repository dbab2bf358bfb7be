export { LuigiPage } from './LuigiPage';
export type { LuigiPageProps } from './LuigiPage';
