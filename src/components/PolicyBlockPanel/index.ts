export { PolicyBlockPanel } from './PolicyBlockPanel';
export type { PolicyBlockPanelProps } from './PolicyBlockPanel';
