/**
 * The contract both halves of backstage-plugin-luigi share: annotation names, the rules a
 * registration must pass, the permission for opening micro frontends, and the micro app token's
 * claims and route contract. Pure TypeScript: no React, no Node APIs.
 * @packageDocumentation
 */
export {
  LUIGI_VIEW_URL_ANNOTATION,
  LUIGI_CATEGORY_ANNOTATION,
  LUIGI_VIEWS_ANNOTATION,
  LUIGI_TOKEN_AUDIENCE_ANNOTATION,
} from './annotations';
export { checkViewUrl, isLoopbackHost, normalizeAllowedOrigins } from './viewUrl';
export type { ViewUrlCheck } from './viewUrl';
export { parseViewsAnnotation, viewSlug } from './viewsAnnotation';
export type { ViewEntry } from './viewsAnnotation';
export { checkRegistration, hasValidView } from './registration';
export type { RegistrationProblem } from './registration';
export { luigiMicroFrontendOpenPermission, luigiPermissions } from './permissions';
export { parseAccessDecisions } from './accessDecisions';
export type {
  LuigiAccessDecision,
  LuigiAccessDecisions,
  LuigiAccessMode,
  LuigiDenialReason,
} from './accessDecisions';
export { checkTokenAudience, resolveTokenAudience, MAX_TOKEN_AUDIENCE_LENGTH } from './tokenAudience';
export type { TokenAudienceCheck } from './tokenAudience';
export {
  LUIGI_TOKEN_CLAIMS,
  LUIGI_TOKEN_ALGORITHM,
  LUIGI_TOKEN_TYPE,
  LUIGI_TOKENS_PATH,
  LUIGI_JWKS_PATH,
  parseMicroAppToken,
} from './tokens';
export type { LuigiMicroAppToken, LuigiMicroAppTokenClaims } from './tokens';
