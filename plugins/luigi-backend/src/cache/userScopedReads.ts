import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ReadTenantMembers } from '../access/readTenantMembers';
import { isUserCredentials } from '../access/userCredentials';
import { TenantMemberEntity } from 'backstage-plugin-luigi-common';
import { TtlCache } from './ttlCache';

/**
 * How long the plugin keeps what it read of the catalog for a user (the entity of a token request,
 * the tenant-deciding fields of decisions), in milliseconds: a registration changed in the catalog
 * reaches tokens and decisions at most this late.
 */
export const CATALOG_READ_TTL_MS = 5_000;
/** How long the plugin keeps a user's user info (their ownership refs), in milliseconds, at most. */
export const USER_INFO_TTL_MS = 10_000;
/** The most whole entities kept (all users together). */
export const MAX_CACHED_ENTITIES = 2_000;
/** The most tenant-deciding projections kept (all users together): a few users' whole navigation. */
export const MAX_CACHED_MEMBERS = 20_000;
/** The most users whose user info is kept. */
export const MAX_CACHED_USERS = 5_000;

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;


/** One user's key for one ref: what the catalog shows one user never serves another. */
const userKey = (credentials: UserCredentials, ref: string) => `${credentials.principal.userEntityRef}\n${ref}`;

/** A credential's own expiry, if it says: nothing read with it outlives it. */
const expiryOf = (credentials: BackstageCredentials) => () => credentials.expiresAt?.getTime();

/**
 * What the plugin's routes read per user and may share for seconds, across requests, in this
 * process only (each replica keeps its own; nothing here is a policy decision). Every entry is the
 * user's own: keyed by their user entity ref, read with their credentials (the catalog applies its
 * read permission per user), kept for seconds and never beyond the credentials' expiry, bounded
 * in count (least recently used out first). Failures are never kept.
 */
export class UserScopedReads {
  readonly #entities = new TtlCache<Entity | undefined>({ maxEntries: MAX_CACHED_ENTITIES, ttlMs: CATALOG_READ_TTL_MS });
  readonly #members = new TtlCache<TenantMemberEntity | undefined>({ maxEntries: MAX_CACHED_MEMBERS, ttlMs: CATALOG_READ_TTL_MS });
  readonly #userInfo = new TtlCache<Awaited<ReturnType<UserInfoService['getUserInfo']>>>({
    maxEntries: MAX_CACHED_USERS,
    ttlMs: USER_INFO_TTL_MS,
  });

  /**
   * The catalog, its `getEntityByRef` for a user kept per user and ref (a missing or hidden entity
   * too); everything else is the catalog's own.
   */
  catalog(catalog: CatalogService): CatalogService {
    const entities = this.#entities;
    const getEntityByRef: CatalogService['getEntityByRef'] = (entityRef, options) => {
      const { credentials } = options;
      if (typeof entityRef !== 'string' || !isUserCredentials(credentials)) return catalog.getEntityByRef(entityRef, options);
      return entities.get(userKey(credentials, entityRef), () => catalog.getEntityByRef(entityRef, options), expiryOf(credentials));
    };
    return new Proxy(catalog, {
      get(target, property) {
        if (property === 'getEntityByRef') return getEntityByRef;
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** The user info service, each user's kept per user (the auth backend answers it per user). */
  userInfo(userInfo: UserInfoService): UserInfoService {
    const cache = this.#userInfo;
    return {
      getUserInfo: credentials =>
        isUserCredentials(credentials)
          ? cache.get(credentials.principal.userEntityRef, () => userInfo.getUserInfo(credentials), expiryOf(credentials))
          : userInfo.getUserInfo(credentials),
    };
  }

  /**
   * Tenant members (see `readTenantMembers`) kept per user and ref: the refs not held are read in
   * one catalog request.
   */
  tenantMembers(read: ReadTenantMembers, credentials: BackstageCredentials): ReadTenantMembers {
    if (!isUserCredentials(credentials)) return read;
    const cache = this.#members;
    const prefix = userKey(credentials, '');
    return entityRefs =>
      cache.getMany(
        entityRefs.map(ref => prefix + ref),
        missing => read(missing.map(key => key.slice(prefix.length))),
        expiryOf(credentials),
      );
  }
}
