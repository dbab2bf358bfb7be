import { CATALOG_FILTER_EXISTS, GetEntitiesRequest } from '@backstage/catalog-client';
import { LUIGI_VIEW_URL_ANNOTATION } from './annotations';

/**
 * The catalog query for micro apps: only entities carrying the view URL annotation, and only the
 * fields the node builder reads, so large catalogs do not ship whole entities to the browser.
 */
export const microAppEntitiesRequest: GetEntitiesRequest = {
  filter: { [`metadata.annotations.${LUIGI_VIEW_URL_ANNOTATION}`]: CATALOG_FILTER_EXISTS },
  fields: [
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.title',
    'metadata.description',
    'metadata.annotations',
    'spec.owner',
    'spec.system',
  ],
};
