/**
 * The backend half of backstage-plugin-luigi: `backend.add(import('backstage-plugin-luigi-backend'))`,
 * its catalog module from `backstage-plugin-luigi-backend/catalog`, and for permission policies the
 * conditions on tenants (`luigiTenantConditions`, `createLuigiTenantConditionalDecision`).
 * @packageDocumentation
 */
export { luigiPlugin as default } from './plugin';
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
