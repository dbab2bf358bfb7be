export { LuigiSidebarItem } from './LuigiSidebarItem';
export type { LuigiSidebarItemProps } from './LuigiSidebarItem';
