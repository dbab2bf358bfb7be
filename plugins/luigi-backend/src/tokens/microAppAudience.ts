import { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  checkRegistrantClaims,
  checkRegistration,
  hasValidView,
  LUIGI_TOKEN_AUDIENCE_ANNOTATION,
  LUIGI_VIEWS_ANNOTATION,
  LUIGI_VIEW_URL_ANNOTATION,
  RegistrantClaimRules,
  resolveTokenAudience,
} from 'backstage-plugin-luigi-common';
import { describeProblem } from '../catalog/registrationStatus';
import { refusal } from '../audit/refusal';
import { RegistrationRules } from '../catalog/registrationRules';

/**
 * The audience of an entity's micro app token, if the entity is a micro app the frontend shows:
 * one view at least must pass the registration rules (node settings included: refused settings take
 * the view-url view away, as on the page), and the entity may claim nothing config does not give it
 * (a token audience other than its own, another tenant). Throws a NotAllowedError (403) saying why
 * otherwise, with the reasons the entity page shows.
 * @param entityRef - the entity's normalized ref (the default audience)
 */
export function microAppAudience(
  entity: Entity,
  entityRef: string,
  rules: RegistrationRules & RegistrantClaimRules,
): string {
  const { allowedOrigins, clientPermissions } = rules;
  const annotations = entity.metadata.annotations;
  if (!hasValidView(annotations, allowedOrigins, clientPermissions)) {
    const declares = annotations && (LUIGI_VIEW_URL_ANNOTATION in annotations || LUIGI_VIEWS_ANNOTATION in annotations);
    if (!declares) {
      throw refusal(
        new NotAllowedError(
          `${entityRef} is not a micro app: it has no ${LUIGI_VIEW_URL_ANNOTATION} or ${LUIGI_VIEWS_ANNOTATION} annotation`,
        ),
        { reason: 'not-a-micro-app' },
      );
    }
    const reasons = checkRegistration(annotations, allowedOrigins, clientPermissions).map(describeProblem);
    throw refusal(
      new NotAllowedError(
        `${entityRef} has no valid micro frontend registration: ${reasons.join('; ') || 'its annotations declare no view'}`,
      ),
      { reason: 'invalid-registration' },
    );
  }
  const claims = checkRegistrantClaims(entity, rules);
  if (claims.length > 0) {
    const audienceClaim = claims.some(claim => claim.annotation === LUIGI_TOKEN_AUDIENCE_ANNOTATION);
    throw refusal(
      new NotAllowedError(`${entityRef} gets no token: ${claims.map(claim => `${claim.annotation}: ${claim.reason}`).join('; ')}`),
      { reason: audienceClaim ? 'invalid-audience' : 'invalid-registration' },
    );
  }
  const audience = resolveTokenAudience(annotations, entityRef, rules.tokenAudiences);
  // Refused above already; checked again so that no change of the rules can hand out a bad audience.
  if (!audience.ok) throw refusal(new NotAllowedError(`${entityRef} gets no token: ${audience.reason}`), { reason: 'invalid-audience' });
  return audience.audience;
}
