/**
 * Host Luigi micro frontends inside Backstage: catalog-driven navigation, the user's token in context.
 * @packageDocumentation
 */
export { luigiPlugin, LuigiPage, EntityLuigiContent } from './plugin';
export type { EntityLuigiContentProps } from './components/EntityLuigiContent';
export { LuigiSidebarItem } from './components/LuigiSidebarItem';
export type { LuigiSidebarItemProps } from './components/LuigiSidebarItem';
export { isLuigiAvailable } from './catalog/isLuigiAvailable';
export type { EntityViews, RejectedEntityView } from './catalog/entityViews';
export { rootRouteRef as luigiRouteRef } from './routes';
export {
  luigiTokenSourceApiRef,
  BackstageIdentityTokenSource,
} from './auth/tokenSource';
export type { LuigiToken, LuigiTokenSourceApi } from './auth/tokenSource';
export { AuthApiTokenSource } from './auth/authApiTokenSource';
export type { AuthApiTokenKind } from './auth/authApiTokenSource';
export type { LuigiUserContext } from './auth/userContext';
export {
  LUIGI_VIEW_URL_ANNOTATION,
  LUIGI_CATEGORY_ANNOTATION,
  LUIGI_VIEWS_ANNOTATION,
} from './catalog/annotations';
export type {
  MicroApp,
  RejectedMicroApp,
  LuigiEntityContext,
} from './catalog/types';
export { luigiAccessApiRef, LuigiAccessClient } from './access/luigiAccessApi';
export type { LuigiAccessApi, LuigiTenantEntry } from './access/luigiAccessApi';
export { LUIGI_ANALYTICS_ACTIONS } from './analytics/luigiEvents';
export type { DeniedMicroApp } from './access/applyAccess';
