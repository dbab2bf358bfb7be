import { Entity } from '@backstage/catalog-model';
import { AlphaEntity, EntityStatusItem } from '@backstage/catalog-model/alpha';
import {
  ClientPermissionLimits,
  checkFrameRequest,
  checkRegistration,
  FrameLimits,
  LUIGI_VIEWS_ANNOTATION,
  LUIGI_VIEW_URL_ANNOTATION,
  LUIGI_TOKEN_AUDIENCE_ANNOTATION,
  RegistrationProblem,
} from 'backstage-plugin-luigi-common';

/**
 * The status item type Backstage's entity page shows as processing problems
 * (`EntityProcessingErrorsPanel`, `hasCatalogProcessingErrors`). It only shows items of level `error`
 * that carry an `error` object.
 */
export const CATALOG_PROCESSING_STATUS = 'backstage.io/catalog-processing';

/** Why the plugin refuses a registration, in one line an owner can act on. Entity text stays text. */
export function describeProblem(problem: RegistrationProblem): string {
  const where = problem.label === undefined ? problem.annotation : `${problem.annotation} ("${problem.label}")`;
  // A bad audience does not hide the view, but the backend issues the micro app no token.
  const outcome =
    problem.annotation === LUIGI_TOKEN_AUDIENCE_ANNOTATION ? 'Micro frontend gets no token' : 'Micro frontend not shown';
  return `${outcome}: ${where}: ${problem.reason}`;
}

function statusItem(problem: RegistrationProblem): EntityStatusItem {
  const message = describeProblem(problem);
  return {
    type: CATALOG_PROCESSING_STATUS,
    level: 'error',
    message: `InputError: ${message}`,
    error: { name: 'InputError', message },
  };
}

const NO_FRAME_GRANTS: FrameLimits = { allow: [], sandbox: [] };

/** What the entity asks for its frames beyond what the portal grants (only for an entity with views). */
function frameProblems(entity: Entity, limits: FrameLimits): RegistrationProblem[] {
  const annotations = entity.metadata.annotations;
  if (!annotations || typeof annotations !== 'object') return [];
  if (!(LUIGI_VIEW_URL_ANNOTATION in annotations) && !(LUIGI_VIEWS_ANNOTATION in annotations)) return [];
  const check = checkFrameRequest(annotations, limits);
  if (check.ok) return [];
  return [{ annotation: check.annotation, reason: check.reason }];
}

/**
 * The entity with one status item per registration problem, and otherwise unchanged. Reporting the
 * problems as status, instead of emitting processing errors, keeps the entity in the catalog: a
 * processing error keeps a new entity out of it altogether, and freezes an existing one at its last
 * good version.
 */
export function withRegistrationStatus(
  entity: Entity,
  allowedOrigins: ReadonlySet<string>,
  frameLimits: FrameLimits = NO_FRAME_GRANTS,
  clientPermissions?: ClientPermissionLimits,
): Entity {
  const problems = [
    ...checkRegistration(entity.metadata.annotations, allowedOrigins, clientPermissions),
    ...frameProblems(entity, frameLimits),
  ];
  if (problems.length === 0) return entity;
  const alpha = entity as AlphaEntity;
  return {
    ...alpha,
    status: { ...alpha.status, items: [...(alpha.status?.items ?? []), ...problems.map(statusItem)] },
  } as AlphaEntity;
}
