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
 * Splits micro apps into those the user may open and those they may not. An app the answer says
 * nothing about is denied: only an explicit allow opens one.
 */
export function applyAccess(apps: readonly MicroApp[], answer: LuigiAccessDecisions): MicroAppAccess {
  const byRef = new Map(answer.decisions.map(decision => [decision.entityRef.toLocaleLowerCase('en-US'), decision]));
  const allowed: MicroApp[] = [];
  const denied: DeniedMicroApp[] = [];
  for (const app of apps) {
    const decision = byRef.get(app.entity.ref.toLocaleLowerCase('en-US'));
    if (decision?.result === 'allow') {
      allowed.push(app);
    } else {
      denied.push({
        pathSegment: app.pathSegment,
        label: app.label,
        entity: app.entity,
        reason: decision?.reason ?? 'malformed-decision',
      });
    }
  }
  return { mode: answer.mode, allowed, denied };
}
