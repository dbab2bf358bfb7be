export { PagePolicyPanel } from './PagePolicyPanel';
export type { PagePolicyPanelProps } from './PagePolicyPanel';
