import { Entity } from '@backstage/catalog-model';
import { entitiesByRef } from './annotationsByRef';
import { checkRegistrantClaims, RegistrantClaimRules, RegistrationProblem } from 'backstage-plugin-luigi-common';
import type { EntityViews } from './entityViews';
import { MicroApp, RejectedMicroApp } from './types';

/** Why the backend issues the entity no token, for one claim. */
const describe = (problem: RegistrationProblem) => `gets no token: ${problem.annotation}: ${problem.reason}`;

/**
 * Refuses the apps whose entities claim what config does not give them (another app's token audience,
 * another tenant than their namespace's): the backend issues them no token, so the page lists them
 * with the reason instead of opening an app that could only fail. Pure.
 */
export function withRegistrantClaims(
  apps: readonly MicroApp[],
  entities: readonly Entity[],
  rules: RegistrantClaimRules,
): { apps: MicroApp[]; rejected: RejectedMicroApp[] } {
  const byRef = entitiesByRef(entities);
  const shown: MicroApp[] = [];
  const rejected: RejectedMicroApp[] = [];
  for (const app of apps) {
    const entity = byRef.get(app.entity.ref);
    const problems = entity ? checkRegistrantClaims(entity, rules) : [];
    if (problems.length === 0) shown.push(app);
    // One item per claim, so that no reason is cut off behind another.
    else rejected.push(...problems.map(problem => ({ entityRef: app.entity.ref, owner: app.entity.owner, label: app.label, reason: describe(problem) })));
  }
  return { apps: shown, rejected };
}

/**
 * An entity's views with its claims checked: all of them, or none when the entity claims what config
 * does not give it, each claim listed with its annotation and reason. Pure.
 */
export function entityViewsWithClaims(views: EntityViews, entity: Entity, rules: RegistrantClaimRules): EntityViews {
  const problems = checkRegistrantClaims(entity, rules);
  if (problems.length === 0) return views;
  const label = views.views[0]?.entity.title ?? entity.metadata.name;
  const refused = problems.map(problem => ({ label, annotation: problem.annotation, reason: describe(problem) }));
  return { views: [], rejected: [...views.rejected, ...refused] };
}
