/**
 * The https URL of the micro frontend an entity declares. Entities carrying it become micro apps.
 * @public
 */
export const LUIGI_VIEW_URL_ANNOTATION = 'luigi-project.io/view-url';

/**
 * Optional: the navigation category a micro app is listed under. Defaults to the entity's system.
 * @public
 */
export const LUIGI_CATEGORY_ANNOTATION = 'luigi-project.io/category';

/**
 * Optional: further micro frontends an entity shows as tabs on its entity page, one `Label=URL` per
 * line (or separated by a comma and a space), e.g. `Settings=https://apps.example.com/orders/settings`.
 * Each URL is checked like `luigi-project.io/view-url`; a bad entry hides only that view.
 * @public
 */
export const LUIGI_VIEWS_ANNOTATION = 'luigi-project.io/views';

/**
 * Optional: restates the audience (`aud` claim) of the token the luigi backend issues for the entity's
 * micro app, so its owner sees at once when it is not what their backend checks. The audience itself
 * is decided by the admin: the entity ref in its full lower-case form (`component:default/orders`),
 * or the one `luigi.tokens.audiences` assigns the entity. Any other value (another app's audience
 * above all) is a registration problem, and no token is issued for the entity.
 * @public
 */
export const LUIGI_TOKEN_AUDIENCE_ANNOTATION = 'luigi-project.io/token-audience';

/**
 * Optional: restates the id of the tenant (`luigi.tenants[].id`) the entity belongs to, which config
 * alone decides: the tenant listing the entity's namespace. Naming any other tenant (or one while the
 * namespace is in none) is a registration problem, and no token is issued for the entity. Ignored
 * while no tenants are configured.
 * @public
 */
export const LUIGI_TENANT_ANNOTATION = 'luigi-project.io/tenant';
