import { LuigiAccessDecisions, LuigiAccessMode, LuigiDenialReason } from 'backstage-plugin-luigi-common';
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
 * Why the answer refuses the entity, or undefined where it explicitly allows it. An entity the
 * answer says nothing about is refused: only an explicit allow opens one. Refs compare
 * case-insensitively, as the catalog's do.
 */
export function denialOf(entityRef: string, answer: LuigiAccessDecisions): LuigiDenialReason | undefined {
  const ref = entityRef.toLocaleLowerCase('en-US');
  const decision = answer.decisions.find(candidate => candidate.entityRef.toLocaleLowerCase('en-US') === ref);
  if (decision?.result === 'allow') return undefined;
  return decision?.reason ?? 'malformed-decision';
}

/** Splits micro apps into those the user may open and those they may not ({@link denialOf}). */
export function applyAccess(apps: readonly MicroApp[], answer: LuigiAccessDecisions): MicroAppAccess {
  const allowed: MicroApp[] = [];
  const denied: DeniedMicroApp[] = [];
  for (const app of apps) {
    const reason = denialOf(app.entity.ref, answer);
    if (reason === undefined) allowed.push(app);
    else denied.push({ pathSegment: app.pathSegment, label: app.label, entity: app.entity, reason });
  }
  return { mode: answer.mode, allowed, denied };
}
