import { LuigiAccessDecisions, LuigiAccessMode, LuigiDenialReason, LuigiTenant } from 'backstage-plugin-luigi-common';
import { LuigiEntityContext, MicroApp } from '../catalog/types';

/**
 * A micro app the signed-in user may not open: absent from navigation, and a deep link to it shows
 * who to ask instead of a frame.
 * @public
 */
export interface DeniedMicroApp {
  pathSegment: string;
  label: string;
  entity: LuigiEntityContext;
  reason: LuigiDenialReason;
}

/** Micro apps split by the backend's decisions. */
export interface MicroAppAccess {
  mode: LuigiAccessMode;
  allowed: MicroApp[];
  denied: DeniedMicroApp[];
}

/**
 * Denials that say "not part of the tenant shown", not "you may not open it": such apps are not
 * listed at all, so a user never learns about another tenant's apps.
 */
const HIDDEN_REASONS: ReadonlySet<LuigiDenialReason> = new Set(['other-tenant', 'no-tenant']);

/** Whether a denied app is left out of the page instead of being shown as denied. */
export function isHiddenDenial(reason: LuigiDenialReason): boolean {
  return HIDDEN_REASONS.has(reason);
}

type Decision = LuigiAccessDecisions['decisions'][number];

// Each answer's decisions by lower-case ref, built once: looking each app up in the list instead
// took seconds for a thousand apps and minutes for ten thousand.
const indexes = new WeakMap<LuigiAccessDecisions, Map<string, Decision>>();

function decisionOf(entityRef: string, answer: LuigiAccessDecisions): Decision | undefined {
  let index = indexes.get(answer);
  if (!index) {
    index = new Map();
    // The first decision for a ref wins, as a search through the list would find it.
    for (const decision of answer.decisions) {
      const key = decision.entityRef.toLocaleLowerCase('en-US');
      if (!index.has(key)) index.set(key, decision);
    }
    indexes.set(answer, index);
  }
  return index.get(entityRef.toLocaleLowerCase('en-US'));
}

/**
 * Why the answer refuses the entity, or undefined where it explicitly allows it. An entity the
 * answer says nothing about is refused: only an explicit allow opens one. Refs compare
 * case-insensitively, as the catalog's do. With `tenant`, an allow for an entity of another tenant
 * counts as `other-tenant`: the backend should never give one, and the page never shows one.
 */
export function denialOf(entityRef: string, answer: LuigiAccessDecisions, tenant?: string): LuigiDenialReason | undefined {
  const decision = decisionOf(entityRef, answer);
  if (decision?.result === 'allow') {
    return tenant !== undefined && decision.tenant !== undefined && decision.tenant !== tenant ? 'other-tenant' : undefined;
  }
  return decision?.reason ?? 'malformed-decision';
}

/** The tenant an allowed decision names for the entity, if any. */
export function allowedTenantOf(entityRef: string, answer: LuigiAccessDecisions): string | undefined {
  const decision = decisionOf(entityRef, answer);
  return decision?.result === 'allow' ? decision.tenant : undefined;
}

/**
 * Splits micro apps into those the user may open and those they may not ({@link denialOf}). With a
 * tenant, allowed apps carry it (their Luigi context names it) and apps outside it are left out.
 */
export function applyAccess(apps: readonly MicroApp[], answer: LuigiAccessDecisions, tenant?: LuigiTenant): MicroAppAccess {
  const allowed: MicroApp[] = [];
  const denied: DeniedMicroApp[] = [];
  for (const app of apps) {
    const reason = denialOf(app.entity.ref, answer, tenant?.id);
    if (reason === undefined) allowed.push(tenant ? { ...app, tenant } : app);
    else if (!isHiddenDenial(reason)) {
      denied.push({ pathSegment: app.pathSegment, label: app.label, entity: app.entity, reason });
    }
  }
  return { mode: answer.mode, allowed, denied };
}
