/**
 * The contract both halves of backstage-plugin-luigi share: annotation names, the rules a
 * registration must pass, the permissions for opening micro frontends, entering tenants and reading
 * admin warnings, tenant membership, the micro app token's claims and route contract, and the audit event ids. Pure TypeScript: no React, no Node APIs.
 * @packageDocumentation
 */
export {
  LUIGI_VIEW_URL_ANNOTATION,
  LUIGI_CATEGORY_ANNOTATION,
  LUIGI_VIEWS_ANNOTATION,
  LUIGI_TOKEN_AUDIENCE_ANNOTATION,
  LUIGI_TENANT_ANNOTATION,
} from './annotations';
export { checkViewUrl, isLoopbackHost, normalizeAllowedOrigins } from './viewUrl';
export type { ViewUrlCheck } from './viewUrl';
export { parseViewsAnnotation, viewSlug } from './viewsAnnotation';
export type { ViewEntry } from './viewsAnnotation';
export { checkRegistration, hasValidView } from './registration';
export type { RegistrationProblem } from './registration';
export {
  luigiMicroFrontendOpenPermission,
  luigiTenantEnterPermission,
  luigiAdminReadPermission,
  luigiAccessRequestDecidePermission,
  luigiPermissions,
  LUIGI_TENANT_RESOURCE_TYPE,
} from './permissions';
export { LUIGI_ADMIN_WARNINGS_PATH, parseAdminWarnings } from './adminWarnings';
export type { LuigiAdminWarning, LuigiAdminWarningId, LuigiAdminWarnings } from './adminWarnings';
export { tenantOfEntity, checkTenantAnnotation, parseTenants, LUIGI_TENANTS_PATH, TENANT_ID_PATTERN } from './tenants';
export type { LuigiTenant, LuigiTenantConfig, LuigiTenants, TenantMemberEntity } from './tenants';
export { LUIGI_AUDIT_EVENTS } from './audit';
export { printable } from './displayText';
export { LUIGI_REGISTRATION_VALIDATION_PATH, MAX_VALIDATED_DOCUMENTS } from './registrationValidation';
export type { LuigiRegistrationValidation, LuigiRegistrationVerdict } from './registrationValidation';
export { LUIGI_ACCESS_REQUESTS_PATH, LUIGI_ACCESS_GRANTS_PATH, MAX_ACCESS_REQUEST_TEXT, durationText } from './accessRequests';
export type {
  LuigiAccessGrant,
  LuigiAccessRequest,
  LuigiAccessRequestInput,
  LuigiAccessRequestState,
} from './accessRequests';
export type { LuigiTokenPurpose } from './audit';
export { parseAccessDecisions } from './accessDecisions';
export type {
  LuigiAccessDecision,
  LuigiAccessDecisions,
  LuigiAccessMode,
  LuigiDenialReason,
} from './accessDecisions';
export {
  checkTokenAudience,
  resolveTokenAudience,
  normalizeTokenAudiences,
  MAX_TOKEN_AUDIENCE_LENGTH,
  NO_TOKEN_AUDIENCES,
} from './tokenAudience';
export type { TokenAudienceCheck, TokenAudienceAssignment, TokenAudiences } from './tokenAudience';
export { checkRegistrantClaims } from './registrantClaims';
export type { ClaimingEntity, RegistrantClaimRules } from './registrantClaims';
export {
  LUIGI_TOKEN_CLAIMS,
  LUIGI_TOKEN_ALGORITHM,
  LUIGI_TOKEN_TYPE,
  LUIGI_TOKENS_PATH,
  LUIGI_JWKS_PATH,
  parseMicroAppToken,
} from './tokens';
export type { LuigiMicroAppToken, LuigiMicroAppTokenClaims, LuigiMicroAppTokenRequest } from './tokens';
export {
  LUIGI_FRAME_ALLOW_ANNOTATION,
  LUIGI_FRAME_SANDBOX_ANNOTATION,
  DEFAULT_FRAME_SANDBOX,
  GRANTABLE_FRAME_SANDBOX,
  FRAME_REFERRER_POLICIES,
  DEFAULT_FRAME_REFERRER_POLICY,
  checkFrameRequest,
  normalizeFrameLimits,
} from './framePolicy';
export type { FrameLimits, FrameRequest, FrameRequestCheck } from './framePolicy';
export {
  LUIGI_NODE_SETTINGS_ANNOTATION,
  MAX_NODE_SETTINGS_LENGTH,
  NO_CLIENT_PERMISSIONS,
  checkNodeSettings,
  normalizeClientPermissionLimits,
} from './nodeSettings';
export {
  LUIGI_CONTENT_CONFIGURATION_ANNOTATION,
  MAX_CONTENT_CONFIGURATION_LENGTH,
  contentConfigurationToNodeSettings,
} from './contentConfiguration';
export type { ContentConfigurationConversion } from './contentConfiguration';
export { readNodeSettings } from './registeredNodeSettings';
export type { RegisteredNodeSettings } from './registeredNodeSettings';
export type {
  ClientPermissionLimits,
  NodeClientPermissions,
  NodeSettings,
  NodeSettingsCheck,
  NodeSettingsChild,
  NodeSettingsRules,
} from './nodeSettings';
