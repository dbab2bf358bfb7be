import { AuthService, BackstageCredentials, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ConditionalPolicyDecision } from '@backstage/plugin-permission-common';
import { TtlCache } from '../cache/ttlCache';
import { isUserCredentials } from './userCredentials';

/**
 * The largest body one apply-conditions request carries, in bytes: the owning plugin's route parses
 * bodies up to Express's default 100 kB.
 */
export const APPLY_CONDITIONS_BODY_BYTES = 80 * 1024;

/**
 * The most refs in one apply-conditions request: the owner loads them all in one piece (the
 * catalog: one query, every entity parsed), which holds it, and in one process the whole backend,
 * busy that long. More go one after the other.
 */
export const APPLY_CONDITIONS_MAX_REFS = 1000;

/**
 * Resolves one conditional decision for many resources at the plugin that owns their resource type,
 * as the permission backend does, answering in the order asked (ALLOW, DENY, or whatever else the
 * plugin said, which the caller takes as a denial).
 */
export type ApplyConditions = (
  decision: ConditionalPolicyDecision,
  resourceRefs: string[],
  credentials: BackstageCredentials,
) => Promise<unknown[]>;

/** Splits refs into runs whose JSON fits `budget` bytes (at least one ref per run), of at most `most` refs. */
export function chunkByBytes(refs: string[], budget: number, most = Infinity): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let bytes = 0;
  for (const ref of refs) {
    // The ref quoted, and its comma.
    const size = Buffer.byteLength(JSON.stringify(ref), 'utf8') + 1;
    if (chunk.length > 0 && (bytes + size > budget || chunk.length >= most)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(ref);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * How long the owner's resolution of one user's conditions for one resource is kept, in
 * milliseconds: the resolution reads the resource (a catalog entity's owners, annotations, …), and
 * the plugin keeps what it reads of the catalog this long (see `CATALOG_READ_TTL_MS`). The policy
 * itself is asked on every request: changed conditions are a different key.
 */
export const CONDITIONS_RESOLUTION_TTL_MS = 5_000;
/** The most resolutions kept (all users together). */
export const MAX_CACHED_RESOLUTIONS = 20_000;

/** A resolution cache, as {@link conditionsApplier} keeps it. */
export function resolutionCache(now?: () => number): TtlCache<unknown> {
  return new TtlCache<unknown>({ maxEntries: MAX_CACHED_RESOLUTIONS, ttlMs: CONDITIONS_RESOLUTION_TTL_MS, now });
}

/** The user a resolution is kept for; none (nothing kept) for any other principal. */
function userOf(credentials: BackstageCredentials): string | undefined {
  return isUserCredentials(credentials) ? credentials.principal.userEntityRef : undefined;
}

/**
 * Applies a conditional decision to many resources through the owning plugin's
 * `/.well-known/backstage/permissions/apply-conditions` (as the permission backend's own
 * integration client does, on behalf of the user): one request per run of refs that fits
 * {@link APPLY_CONDITIONS_BODY_BYTES} and {@link APPLY_CONDITIONS_MAX_REFS}, each carrying the conditions once and its refs as one array,
 * so the owner loads those resources in one read. Runs go one after the other: one user's request
 * never floods the owner. A failing owner rejects (never a decision).
 */
export function conditionsApplier(deps: {
  discovery: DiscoveryService;
  auth: AuthService;
  /**
   * Keeps each answer of the owner, per user, owner, resource type, conditions and resource (see
   * {@link CONDITIONS_RESOLUTION_TTL_MS}); concurrent requests share one resolution, and a failure is
   * never kept. Absent: nothing kept.
   */
  cache?: TtlCache<unknown>;
}): ApplyConditions {
  const { cache } = deps;
  return async (decision, allRefs, credentials) => {
    const user = userOf(credentials);
    if (!cache || user === undefined) return resolve(decision, allRefs, credentials);
    const prefix = `${user}\n${decision.pluginId}\n${decision.resourceType}\n${JSON.stringify(decision.conditions)}\n`;
    // Held from the load on, so that concurrent requests share this resolution; a failure is dropped.
    return cache.getMany(
      allRefs.map(ref => prefix + ref),
      missing => resolve(decision, missing.map(key => key.slice(prefix.length)), credentials),
    );
  };

  async function resolve(decision: ConditionalPolicyDecision, resourceRefs: string[], credentials: BackstageCredentials) {
    if (resourceRefs.length === 0) return [];
    const endpoint = `${await deps.discovery.getBaseUrl(decision.pluginId)}/.well-known/backstage/permissions/apply-conditions`;
    const { token } = await deps.auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: decision.pluginId });
    const overhead = Buffer.byteLength(JSON.stringify(decision.conditions), 'utf8') + 512;
    const results: unknown[] = [];
    for (const chunk of chunkByBytes(resourceRefs, Math.max(1, APPLY_CONDITIONS_BODY_BYTES - overhead), APPLY_CONDITIONS_MAX_REFS)) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          items: [{ id: '0', resourceRef: chunk, resourceType: decision.resourceType, conditions: decision.conditions }],
        }),
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const answer = (await response.json()) as { items?: Array<{ result?: unknown }> };
      const result = Array.isArray(answer?.items) ? answer.items[0]?.result : undefined;
      // Anything but one answer per ref is no answer: every ref of the run is denied.
      results.push(...(Array.isArray(result) && result.length === chunk.length ? result : chunk.map(() => undefined)));
    }
    return results;
  }
}
