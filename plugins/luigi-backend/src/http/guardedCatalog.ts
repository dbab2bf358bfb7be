import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { refusal } from '../audit/refusal';

/** What a client is told when the catalog could not be read. */
export const CATALOG_UNAVAILABLE_MESSAGE = 'The catalog could not be read';

/** The status code of a downstream error, if it says (a `ResponseError` does). */
function statusOf(error: unknown): number | undefined {
  const { statusCode } = (error ?? {}) as { statusCode?: unknown };
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/**
 * The catalog's failure as the routes answer it. The catalog's own error (a `ResponseError` with
 * its body, its URL and its cause) never reaches the client: a ref it refuses is a plain 400, and
 * anything else a 503 with a generic message, marked `catalog-unavailable` for the audit trail with
 * a detail in our own words (the error's name and status, no URL).
 */
function catalogFailure(error: unknown): Error {
  const name = (error as Error | undefined)?.name;
  const status = statusOf(error);
  if (name === 'InputError' || status === 400) return new InputError('The catalog refused the entity ref');
  // Only a plain identifier of a name: anything else of the error is the catalog's words.
  const known = typeof name === 'string' && /^[A-Za-z]{1,40}$/.test(name) ? name : 'Error';
  const detail = `catalog failed: ${known}${status === undefined ? '' : ` ${status}`}`;
  return refusal(new ServiceUnavailableError(CATALOG_UNAVAILABLE_MESSAGE), { reason: 'catalog-unavailable', detail });
}

const isNotFound = (error: unknown) =>
  (error as Error | undefined)?.name === 'NotFoundError' || statusOf(error) === 404;

/**
 * The catalog as the routes read it: the same service, except that its failures to read entities
 * are translated into plain answers. An entity `getEntityByRef` does not find is `undefined`
 * however the catalog says so (the caller answers a plain 404); any other failure of it or of
 * `getEntitiesByRefs` (where a missing entity is an undefined item, never an error) is a
 * `catalogFailure`.
 */
export function guardedCatalog(catalog: CatalogService): CatalogService {
  const guarded: Partial<Record<PropertyKey, unknown>> = {
    async getEntityByRef(...args: Parameters<CatalogService['getEntityByRef']>) {
      try {
        return await catalog.getEntityByRef(...args);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw catalogFailure(error);
      }
    },
    async getEntitiesByRefs(...args: Parameters<CatalogService['getEntitiesByRefs']>) {
      try {
        return await catalog.getEntitiesByRefs(...args);
      } catch (error) {
        throw catalogFailure(error);
      }
    },
  };
  // Every other method is the catalog's own, called on the catalog itself.
  return new Proxy(catalog, {
    get(target, property) {
      if (Object.prototype.hasOwnProperty.call(guarded, property)) return guarded[property];
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
