export { EntityLuigiContent } from './EntityLuigiContent';
export type { EntityLuigiContentProps } from './EntityLuigiContent';
