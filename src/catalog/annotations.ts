export {
  LUIGI_VIEW_URL_ANNOTATION,
  LUIGI_CATEGORY_ANNOTATION,
  LUIGI_VIEWS_ANNOTATION,
} from 'backstage-plugin-luigi-common';

/** Category used when an entity has neither a category annotation nor a system. */
export const UNCATEGORIZED = 'Other';
