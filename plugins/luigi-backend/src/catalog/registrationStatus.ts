import { Entity } from '@backstage/catalog-model';
import { AlphaEntity, EntityStatusItem } from '@backstage/catalog-model/alpha';
import {
  ClientPermissionLimits,
  checkFrameRequest,
  checkRegistrantClaims,
  checkRegistration,
  FrameLimits,
  LUIGI_VIEWS_ANNOTATION,
  LUIGI_VIEW_URL_ANNOTATION,
  NO_TOKEN_AUDIENCES,
  RegistrantClaimRules,
  RegistrationProblem,
} from 'backstage-plugin-luigi-common';
import { describeProblemBeside } from './problemText';
import { shownViews } from './shownViews';

/**
 * The status item type Backstage's entity page shows as processing problems
 * (`EntityProcessingErrorsPanel`, `hasCatalogProcessingErrors`). It only shows items of level `error`
 * that carry an `error` object.
 */
export const CATALOG_PROCESSING_STATUS = 'backstage.io/catalog-processing';

export { describeProblem } from './problemText';

function statusItem(message: string): EntityStatusItem {
  return {
    type: CATALOG_PROCESSING_STATUS,
    level: 'error',
    message: `InputError: ${message}`,
    error: { name: 'InputError', message },
  };
}

const NO_FRAME_GRANTS: FrameLimits = { allow: [], sandbox: [] };
const NO_CLAIM_GRANTS: RegistrantClaimRules = { tokenAudiences: NO_TOKEN_AUDIENCES, tenants: [] };

/** The entity's annotations when it registers a view (`view-url` or `views`), else undefined. */
function registeredAnnotations(entity: Entity): Record<string, string> | undefined {
  const annotations = entity.metadata.annotations;
  if (!annotations || typeof annotations !== 'object') return undefined;
  return LUIGI_VIEW_URL_ANNOTATION in annotations || LUIGI_VIEWS_ANNOTATION in annotations ? annotations : undefined;
}

/** What the entity claims that config does not give it (only for an entity with views). */
function claimProblems(entity: Entity, rules: RegistrantClaimRules): RegistrationProblem[] {
  if (!registeredAnnotations(entity)) return [];
  return checkRegistrantClaims(entity, rules);
}

/** What the entity asks for its frames beyond what the portal grants (only for an entity with views). */
function frameProblems(entity: Entity, limits: FrameLimits): RegistrationProblem[] {
  const annotations = registeredAnnotations(entity);
  if (!annotations) return [];
  const check = checkFrameRequest(annotations, limits);
  if (check.ok) return [];
  return [{ annotation: check.annotation, reason: check.reason }];
}

/**
 * What is wrong with the entity's registration, one message per problem, each as its entity page
 * shows it: the same rules and words at ingestion and wherever a registration is checked beforehand
 * (the validation route).
 */
export function registrationProblemMessages(
  entity: Entity,
  allowedOrigins: ReadonlySet<string>,
  frameLimits: FrameLimits = NO_FRAME_GRANTS,
  clientPermissions?: ClientPermissionLimits,
  claimRules: RegistrantClaimRules = NO_CLAIM_GRANTS,
): string[] {
  const problems = [
    ...checkRegistration(entity.metadata.annotations, allowedOrigins, clientPermissions),
    ...frameProblems(entity, frameLimits),
    ...claimProblems(entity, claimRules),
  ];
  if (problems.length === 0) return [];
  // A problem reads as what it hides: the whole micro frontend, or one view while others still show.
  const shown = shownViews(entity.metadata.annotations, problems, allowedOrigins);
  return problems.map(problem => describeProblemBeside(problem, shown));
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
  claimRules: RegistrantClaimRules = NO_CLAIM_GRANTS,
): Entity {
  const messages = registrationProblemMessages(entity, allowedOrigins, frameLimits, clientPermissions, claimRules);
  if (messages.length === 0) return entity;
  const alpha = entity as AlphaEntity;
  return {
    ...alpha,
    status: { ...alpha.status, items: [...(alpha.status?.items ?? []), ...messages.map(statusItem)] },
  } as AlphaEntity;
}
