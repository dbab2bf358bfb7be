import { CATALOG_FILTER_EXISTS, GetEntitiesRequest } from '@backstage/catalog-client';
import {
  LUIGI_CATEGORY_ANNOTATION,
  LUIGI_CONTENT_CONFIGURATION_ANNOTATION,
  LUIGI_FRAME_ALLOW_ANNOTATION,
  LUIGI_FRAME_SANDBOX_ANNOTATION,
  LUIGI_NODE_SETTINGS_ANNOTATION,
  LUIGI_TENANT_ANNOTATION,
  LUIGI_TOKEN_AUDIENCE_ANNOTATION,
  LUIGI_VIEWS_ANNOTATION,
  LUIGI_VIEW_URL_ANNOTATION,
} from 'backstage-plugin-luigi-common';

/** The annotations the node builder reads; the catalog's own (locations, source) are never fetched. */
const ANNOTATIONS_READ = [
  LUIGI_VIEW_URL_ANNOTATION,
  LUIGI_VIEWS_ANNOTATION,
  LUIGI_CATEGORY_ANNOTATION,
  LUIGI_FRAME_ALLOW_ANNOTATION,
  LUIGI_FRAME_SANDBOX_ANNOTATION,
  LUIGI_NODE_SETTINGS_ANNOTATION,
  LUIGI_CONTENT_CONFIGURATION_ANNOTATION,
  // Read to check what a registration claims, as the token route does.
  LUIGI_TOKEN_AUDIENCE_ANNOTATION,
  LUIGI_TENANT_ANNOTATION,
];

/**
 * The catalog query for micro apps: only entities carrying the view URL annotation, and only the
 * fields the node builder reads, so large catalogs do not ship whole entities to the browser. The
 * catalog resolves a field path through keys that contain dots (`luigi-project.io/view-url`).
 */
export const microAppEntitiesRequest: GetEntitiesRequest = {
  filter: { [`metadata.annotations.${LUIGI_VIEW_URL_ANNOTATION}`]: CATALOG_FILTER_EXISTS },
  fields: [
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.title',
    'metadata.description',
    ...ANNOTATIONS_READ.map(annotation => `metadata.annotations.${annotation}`),
    'spec.owner',
    'spec.system',
  ],
};
