import { AuthService, DiscoveryService, LoggerService } from '@backstage/backend-plugin-api';
import { LUIGI_ACCESS_GRANTS_PATH, LuigiAccessGrant } from 'backstage-plugin-luigi-common';

/** How often the catalog's copy of the active grants is refreshed: an approval or revocation applies within this. */
export const GRANT_MIRROR_REFRESH_MS = 3_000;
/** A copy older than this (the luigi backend unreachable) answers no grant at all: fail closed. */
export const GRANT_MIRROR_STALE_MS = 30_000;

/**
 * The catalog's copy of every active access grant, read from the luigi backend
 * (`GET /api/luigi/access-grants/active`, as the catalog's own service) every
 * {@link GRANT_MIRROR_REFRESH_MS}: permission rules answer synchronously, so the grant rule reads
 * this copy. A grant ends at its hour however old the copy; a revoked one at the next refresh;
 * and a copy that could not be refreshed for {@link GRANT_MIRROR_STALE_MS} grants nothing.
 */
export class AccessGrantMirror {
  private grants = new Map<string, Map<string, number>>();
  private refreshedAt = -Infinity;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService; logger: LoggerService; now?: () => number },
  ) {}

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  /** Whether `userEntityRef` holds an active grant for `entityRef` (both full refs, any case). */
  has(userEntityRef: string, entityRef: string): boolean {
    if (this.now() - this.refreshedAt > GRANT_MIRROR_STALE_MS) return false;
    const expiresAt = this.grants.get(userEntityRef.toLocaleLowerCase('en-US'))?.get(entityRef.toLocaleLowerCase('en-US'));
    return expiresAt !== undefined && expiresAt > this.now();
  }

  /** Replaces the copy with these grants (what a refresh read). */
  replace(grants: readonly LuigiAccessGrant[]) {
    const next = new Map<string, Map<string, number>>();
    for (const grant of grants) {
      const user = grant.userEntityRef.toLocaleLowerCase('en-US');
      const apps = next.get(user) ?? new Map<string, number>();
      const entityRef = grant.entityRef.toLocaleLowerCase('en-US');
      apps.set(entityRef, Math.max(apps.get(entityRef) ?? 0, grant.expiresAt));
      next.set(user, apps);
    }
    this.grants = next;
    this.refreshedAt = this.now();
  }

  /** Reads every active grant from the luigi backend once. A failure keeps the copy (until it is stale) and says so. */
  async refresh(): Promise<void> {
    try {
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'luigi',
      });
      const base = await this.deps.discovery.getBaseUrl('luigi');
      const response = await fetch(`${base}${LUIGI_ACCESS_GRANTS_PATH}/active`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`the luigi backend answered ${response.status}`);
      const { grants } = (await response.json()) as { grants?: LuigiAccessGrant[] };
      if (!Array.isArray(grants)) throw new Error('the luigi backend answered no grants');
      this.replace(grants);
    } catch (error) {
      this.deps.logger.warn(`Could not read the active access grants: ${(error as Error)?.message}`);
    }
  }

  /** Refreshes now and then every {@link GRANT_MIRROR_REFRESH_MS}, until {@link AccessGrantMirror.stop}. */
  start() {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), GRANT_MIRROR_REFRESH_MS);
    this.timer.unref?.();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }
}
