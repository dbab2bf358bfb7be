import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { LuigiAccessGrant, LuigiAccessRequest, LuigiAccessRequestState } from 'backstage-plugin-luigi-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { migratedDatabase } from '../database/migrateDatabase';

/** Tables of the `20261208000000_access_requests` migration. */
const REQUESTS = 'luigi_access_requests';
const GRANTS = 'luigi_access_grants';

/** Most requests one listing answers, newest first. */
export const MAX_LISTED_REQUESTS = 500;

interface RequestRow {
  id: string;
  user_ref: string;
  entity_ref: string;
  owner_ref: string;
  state: string;
  open_key: string | null;
  duration_minutes: number;
  reason: string | null;
  created_at: number | string;
  decided_by: string | null;
  decided_at: number | string | null;
  decision_note: string | null;
}

interface GrantRow {
  id: string;
  request_id: string;
  user_ref: string;
  entity_ref: string;
  granted_by: string;
  granted_at: number | string;
  expires_at: number | string;
  revoked_by: string | null;
  revoked_at: number | string | null;
  expiry_recorded?: boolean | number;
}

/** Most grants one listing of all active grants answers. */
export const MAX_LISTED_GRANTS = 10_000;

/** A new request, as the route checked it. */
export interface NewAccessRequest {
  userEntityRef: string;
  entityRef: string;
  ownerRef: string;
  durationMinutes: number;
  reason?: string;
}

/** An approval or denial of a pending request. */
export interface AccessRequestDecision {
  approve: boolean;
  /** The approver's user ref, or `automatic:<rule>`. */
  decidedBy: string;
  note?: string;
}

// PostgreSQL answers bigint columns as strings.
const millis = (value: number | string) => Number(value);
const optionalMillis = (value: number | string | null) => (value === null ? undefined : Number(value));
const openKey = (userEntityRef: string, entityRef: string) => `${userEntityRef} ${entityRef}`;

function grantOf(row: GrantRow): LuigiAccessGrant {
  return {
    id: row.id,
    userEntityRef: row.user_ref,
    entityRef: row.entity_ref,
    grantedBy: row.granted_by,
    grantedAt: millis(row.granted_at),
    expiresAt: millis(row.expires_at),
    ...(row.revoked_by ? { revokedBy: row.revoked_by, revokedAt: optionalMillis(row.revoked_at) } : {}),
  };
}

function requestOf(row: RequestRow, grant?: GrantRow): LuigiAccessRequest {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    userEntityRef: row.user_ref,
    ownerRef: row.owner_ref,
    state: row.state as LuigiAccessRequestState,
    durationMinutes: Number(row.duration_minutes),
    ...(row.reason ? { reason: row.reason } : {}),
    createdAt: millis(row.created_at),
    ...(row.decided_by ? { decidedBy: row.decided_by, decidedAt: optionalMillis(row.decided_at) } : {}),
    ...(row.decision_note ? { decisionNote: row.decision_note } : {}),
    ...(grant ? { grant: grantOf(grant) } : {}),
  };
}

/** Whether a failed insert collided with a unique key (one open request per user and app). */
function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'ER_DUP_ENTRY' || /UNIQUE constraint/i.test(String(message));
}

/**
 * Access requests and the grants their approvals make, in the plugin's database: every replica sees
 * the same. The store keeps the rules that must hold whoever calls it, however many replicas race:
 * one open request per user and app (a unique key), and a request decided once (the decision
 * applies only to a request still pending). Who may ask and who may decide is the routes' concern.
 */
export class AccessRequestStore {
  static async create(options: { database: DatabaseService; now?: () => number }): Promise<AccessRequestStore> {
    return new AccessRequestStore(await migratedDatabase(options.database), options.now ?? Date.now);
  }

  private constructor(private readonly knex: Knex, private readonly now: () => number) {}

  /** Records a pending request. Throws a ConflictError when the user has one open for this app. */
  async createRequest(input: NewAccessRequest): Promise<LuigiAccessRequest> {
    const row: RequestRow = {
      id: randomUUID(),
      user_ref: input.userEntityRef,
      entity_ref: input.entityRef,
      owner_ref: input.ownerRef,
      state: 'pending',
      open_key: openKey(input.userEntityRef, input.entityRef),
      duration_minutes: input.durationMinutes,
      reason: input.reason ?? null,
      created_at: this.now(),
      decided_by: null,
      decided_at: null,
      decision_note: null,
    };
    try {
      await this.knex(REQUESTS).insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('You have asked for access to this micro app already; the request is pending');
      throw error;
    }
    return requestOf(row);
  }

  /**
   * Approves (making a grant from now for the request's duration) or denies a pending request, once:
   * a request already decided, by another replica too, is a ConflictError; an unknown one NotFound.
   */
  async decide(id: string, decision: AccessRequestDecision): Promise<LuigiAccessRequest> {
    return this.knex.transaction(async trx => {
      const now = this.now();
      const updated = await trx(REQUESTS)
        .where({ id, state: 'pending' })
        .update({
          state: decision.approve ? 'approved' : 'denied',
          open_key: null,
          decided_by: decision.decidedBy,
          decided_at: now,
          decision_note: decision.note ?? null,
        });
      const row = await trx<RequestRow>(REQUESTS).where({ id }).first();
      if (!row) throw new NotFoundError('No such access request');
      if (updated !== 1) throw new ConflictError(`This access request was ${row.state} already`);
      if (!decision.approve) return requestOf(row);
      const grant: GrantRow = {
        id: randomUUID(),
        request_id: id,
        user_ref: row.user_ref,
        entity_ref: row.entity_ref,
        granted_by: decision.decidedBy,
        granted_at: now,
        expires_at: now + Number(row.duration_minutes) * 60_000,
        revoked_by: null,
        revoked_at: null,
        expiry_recorded: false,
      };
      await trx(GRANTS).insert(grant);
      return requestOf(row, grant);
    });
  }

  /** A request by its id, with its grant if approved. */
  async request(id: string): Promise<LuigiAccessRequest | undefined> {
    const row = await this.knex<RequestRow>(REQUESTS).where({ id }).first();
    if (!row) return undefined;
    const grant = await this.knex<GrantRow>(GRANTS).where({ request_id: id }).first();
    return requestOf(row, grant);
  }

  /** The user's latest request for this app, with its grant if approved. */
  async latestRequest(userEntityRef: string, entityRef: string): Promise<LuigiAccessRequest | undefined> {
    const row = await this.knex<RequestRow>(REQUESTS)
      .where({ user_ref: userEntityRef, entity_ref: entityRef })
      .orderBy('created_at', 'desc')
      .first();
    return row ? this.request(row.id) : undefined;
  }

  /** Pending requests, oldest first: of apps these owners own, or all (`undefined`). */
  async pendingRequests(ownerRefs?: string[]): Promise<LuigiAccessRequest[]> {
    let query = this.knex<RequestRow>(REQUESTS).where({ state: 'pending' });
    if (ownerRefs) query = query.whereIn('owner_ref', ownerRefs);
    const rows = await query.orderBy('created_at', 'asc').limit(MAX_LISTED_REQUESTS);
    return rows.map(row => requestOf(row));
  }

  /** A grant by its id. */
  async grant(id: string): Promise<LuigiAccessGrant | undefined> {
    const row = await this.knex<GrantRow>(GRANTS).where({ id }).first();
    return row ? grantOf(row) : undefined;
  }

  /** The user's grants that have neither expired nor been revoked, soonest to end first. */
  async activeGrants(userEntityRef: string): Promise<LuigiAccessGrant[]> {
    const rows = await this.knex<GrantRow>(GRANTS)
      .where({ user_ref: userEntityRef })
      .whereNull('revoked_at')
      .where('expires_at', '>', this.now())
      .orderBy('expires_at', 'asc');
    return rows.map(grantOf);
  }

  /** Active grants of apps these owners owned when asked, or all (`undefined`), soonest to end first. */
  async activeGrantsOfOwners(ownerRefs?: string[]): Promise<LuigiAccessGrant[]> {
    let query = this.knex<GrantRow>(GRANTS)
      .join(REQUESTS, `${REQUESTS}.id`, `${GRANTS}.request_id`)
      .whereNull(`${GRANTS}.revoked_at`)
      .where(`${GRANTS}.expires_at`, '>', this.now());
    if (ownerRefs) query = query.whereIn(`${REQUESTS}.owner_ref`, ownerRefs);
    const rows = await query.select(`${GRANTS}.*`).orderBy(`${GRANTS}.expires_at`, 'asc').limit(MAX_LISTED_REQUESTS);
    return rows.map(grantOf);
  }

  /**
   * Every active grant, soonest to end first, at most {@link MAX_LISTED_GRANTS}: what the catalog's
   * grant rule mirrors.
   */
  async allActiveGrants(): Promise<LuigiAccessGrant[]> {
    const rows = await this.knex<GrantRow>(GRANTS)
      .whereNull('revoked_at')
      .where('expires_at', '>', this.now())
      .orderBy('expires_at', 'asc')
      .limit(MAX_LISTED_GRANTS);
    return rows.map(grantOf);
  }

  /**
   * Grants that ended by themselves and are not yet in the audit trail: `record` is called for each,
   * and a grant is marked recorded only by the replica whose mark lands first, so each expiry is
   * recorded once however many replicas sweep. Returns how many this call recorded.
   */
  async recordExpiries(record: (grant: LuigiAccessGrant) => Promise<void>): Promise<number> {
    const rows = await this.knex<GrantRow>(GRANTS)
      .where({ expiry_recorded: false })
      .whereNull('revoked_at')
      .where('expires_at', '<=', this.now())
      .limit(MAX_LISTED_REQUESTS);
    let recorded = 0;
    for (const row of rows) {
      const marked = await this.knex(GRANTS).where({ id: row.id, expiry_recorded: false }).update({ expiry_recorded: true });
      if (marked !== 1) continue;
      await record(grantOf(row));
      recorded++;
    }
    return recorded;
  }

  /** Ends an active grant now. An unknown grant is NotFound; one already ended a ConflictError. */
  async revokeGrant(id: string, revokedBy: string): Promise<LuigiAccessGrant> {
    const now = this.now();
    const updated = await this.knex(GRANTS)
      .where({ id })
      .whereNull('revoked_at')
      .where('expires_at', '>', now)
      .update({ revoked_by: revokedBy, revoked_at: now });
    const row = await this.knex<GrantRow>(GRANTS).where({ id }).first();
    if (!row) throw new NotFoundError('No such access grant');
    if (updated !== 1) throw new ConflictError('This access grant has ended already');
    return grantOf(row);
  }
}
