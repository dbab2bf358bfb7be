/**
 * The `oidc` sign-in provider with OpenID Connect groups mapped to catalog groups:
 * `backend.add(import('backstage-plugin-luigi-backend/auth'))`.
 * @packageDocumentation
 */
import './peerCheck';

export { authModuleLuigiOidcProvider as default } from './module';
export {
  createCatalogGroupsSignInResolver,
  type CatalogGroupsSignInResolverOptions,
} from './catalogGroupsSignInResolver';
