/**
 * The backend half of backstage-plugin-luigi: `backend.add(import('backstage-plugin-luigi-backend'))`,
 * its catalog module from `backstage-plugin-luigi-backend/catalog`, and what a permission policy
 * needs: the plugin's permissions (`luigiMicroFrontendOpenPermission`, `luigiTenantEnterPermission`,
 * `luigiAdminReadPermission`, `luigiAccessRequestDecidePermission`), the conditions on tenants
 * (`luigiTenantConditions`, `createLuigiTenantConditionalDecision`) and on access grants
 * (`luigiAccessGrantConditions`).
 * @packageDocumentation
 */
export { luigiPlugin as default } from './plugin';
/*
 * The plugin's permissions, defined once in backstage-plugin-luigi-common and re-exported here (the
 * same objects, with their documentation), so that a backend's permission policy needs only this
 * package:
 * - `luigiMicroFrontendOpenPermission` (`luigi.micro-frontend.open`, on `catalog-entity`): opening an
 *   entity's micro frontends and receiving their token; condition it with the catalog's rules.
 * - `luigiTenantEnterPermission` (`luigi.tenant.enter`, on `LUIGI_TENANT_RESOURCE_TYPE`): entering a
 *   tenant; condition it with `luigiTenantConditions`.
 * - `luigiAdminReadPermission` (`luigi.admin.read`): reading the plugin's admin warnings.
 * - `luigiAccessRequestDecidePermission` (`luigi.access-request.decide`): deciding any access
 *   request and ending any grant, as an admin.
 * - `luigiPermissions`: all of them, as the plugin registers them for RBAC tools.
 */
export {
  luigiMicroFrontendOpenPermission,
  luigiTenantEnterPermission,
  luigiAdminReadPermission,
  luigiAccessRequestDecidePermission,
  luigiPermissions,
  LUIGI_TENANT_RESOURCE_TYPE,
} from 'backstage-plugin-luigi-common';
export { luigiAccessGrantConditions } from './catalog/accessGrantRule';
export { luigiTenantConditions, createLuigiTenantConditionalDecision } from './tenants/conditionExports';
export {
  luigiTenantPermissionResourceRef,
  luigiTenantPermissionRules,
  type LuigiTenantQuery,
} from './tenants/tenantPermissionRules';
export { createTokenMinter, readTokenIssuedBy } from './tokens/createTokenMinter';
export type { CreateTokenMinterOptions, TokenIssuedBy } from './tokens/createTokenMinter';
export { SigningTokenMinter } from './tokens/signingTokenMinter';
export type { SigningTokenMinterOptions } from './tokens/signingTokenMinter';
export type { MintRequest, MintedToken, TokenMinter } from './tokens/tokenMinter';
