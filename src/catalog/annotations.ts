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

/** Category used when an entity has neither a category annotation nor a system. */
export const UNCATEGORIZED = 'Other';
