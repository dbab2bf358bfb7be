/**
 * The contract both halves of backstage-plugin-luigi share: annotation names, the rules a
 * registration must pass, and the permission for opening micro frontends. Pure TypeScript: no
 * React, no Node APIs.
 * @packageDocumentation
 */
export {
  LUIGI_VIEW_URL_ANNOTATION,
  LUIGI_CATEGORY_ANNOTATION,
  LUIGI_VIEWS_ANNOTATION,
} from './annotations';
export { checkViewUrl, isLoopbackHost, normalizeAllowedOrigins } from './viewUrl';
export type { ViewUrlCheck } from './viewUrl';
export { parseViewsAnnotation, viewSlug } from './viewsAnnotation';
export type { ViewEntry } from './viewsAnnotation';
export { checkRegistration } from './registration';
export type { RegistrationProblem } from './registration';
export { luigiMicroFrontendOpenPermission, luigiPermissions } from './permissions';
export { parseAccessDecisions } from './accessDecisions';
export type {
  LuigiAccessDecision,
  LuigiAccessDecisions,
  LuigiAccessMode,
  LuigiDenialReason,
} from './accessDecisions';
