/**
 * Host Luigi micro frontends inside Backstage: catalog-driven navigation, the user's token in context.
 * @packageDocumentation
 */
export { luigiPlugin, LuigiPage } from './plugin';
export { rootRouteRef as luigiRouteRef } from './routes';
export {
  luigiTokenSourceApiRef,
  BackstageIdentityTokenSource,
} from './auth/tokenSource';
export type { LuigiToken, LuigiTokenSourceApi } from './auth/tokenSource';
export type { LuigiUserContext } from './auth/userContext';
export {
  LUIGI_VIEW_URL_ANNOTATION,
  LUIGI_CATEGORY_ANNOTATION,
} from './catalog/annotations';
export type {
  MicroApp,
  RejectedMicroApp,
  LuigiEntityContext,
} from './catalog/types';
