import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  LUIGI_TENANT_ANNOTATION,
  LUIGI_VIEWS_ANNOTATION,
  LUIGI_VIEW_URL_ANNOTATION,
  TenantMemberEntity,
} from 'backstage-plugin-luigi-common';

/**
 * The fields the tenant checks read of an entity: its namespace, its tenant annotation, and its
 * views (for tenants that narrow the allowed origins). Nothing else leaves the catalog.
 */
export const TENANT_MEMBER_FIELDS = [
  'metadata.namespace',
  `metadata.annotations.${LUIGI_TENANT_ANNOTATION}`,
  `metadata.annotations.${LUIGI_VIEW_URL_ANNOTATION}`,
  `metadata.annotations.${LUIGI_VIEWS_ANNOTATION}`,
];

/** Reads entities' tenant-deciding parts, in order: undefined for one the user may not read or that is missing. */
export type ReadTenantMembers = (entityRefs: string[]) => Promise<Array<TenantMemberEntity | undefined>>;

/**
 * The most entities read in one catalog request: a larger read holds the catalog (and, in one
 * process, the whole backend) busy in one piece; reads of more go one after the other.
 */
export const MEMBERS_PER_READ = 1000;

/**
 * Reads entities from the catalog with the user's own credentials, so the catalog's read permission
 * applies: an entity the user may not read is in no tenant for them.
 */
export function readTenantMembers(catalog: CatalogService, credentials: BackstageCredentials): ReadTenantMembers {
  return async entityRefs => {
    const members: Array<TenantMemberEntity | undefined> = [];
    for (let start = 0; start < entityRefs.length; start += MEMBERS_PER_READ) {
      const refs = entityRefs.slice(start, start + MEMBERS_PER_READ);
      const { items } = await catalog.getEntitiesByRefs({ entityRefs: refs, fields: TENANT_MEMBER_FIELDS }, { credentials });
      refs.forEach((_ref, index) => {
        const item = items[index];
        members.push(item ? { metadata: { ...item.metadata } } : undefined);
      });
    }
    return members;
  };
}
