import { stringifyEntityRef } from '@backstage/catalog-model';
import { LUIGI_TENANT_ANNOTATION, LUIGI_TOKEN_AUDIENCE_ANNOTATION } from './annotations';
import { RegistrationProblem } from './registration';
import { checkTenantAnnotation, LuigiTenantConfig } from './tenants';
import { resolveTokenAudience, TokenAudiences } from './tokenAudience';

/**
 * What central governance (app-config) gives entities, against which a registrant's claims are
 * checked.
 * @public
 */
export interface RegistrantClaimRules {
  /** `luigi.tokens.audiences`: the audiences the admin assigned, by entity ref. */
  tokenAudiences: TokenAudiences;
  /** `luigi.tenants`: which namespaces belong to which tenant. Empty: no tenants. */
  tenants: ReadonlyArray<Pick<LuigiTenantConfig, 'id' | 'namespaces'>>;
}

/**
 * The parts of an entity its claims are read from.
 * @public
 */
export interface ClaimingEntity {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
}

/**
 * What an entity's annotations claim that app-config does not give it: a token audience other than
 * its own (`luigi-project.io/token-audience`: its entity ref, or the one `luigi.tokens.audiences`
 * assigns it) and a tenant other than its namespace's (`luigi-project.io/tenant`). A registrant may
 * only restate what config gives; every other value is a problem, and the entity gets no token. The
 * same check runs at ingestion (catalog module), on the page and in the token route.
 * @public
 */
export function checkRegistrantClaims(entity: ClaimingEntity, rules: RegistrantClaimRules): RegistrationProblem[] {
  const annotations = entity.metadata.annotations;
  // Only a broken catalog hands anything but a map; there is then nothing claimed.
  if (!annotations || typeof annotations !== 'object') return [];
  const problems: RegistrationProblem[] = [];
  const { kind, metadata } = entity;
  const entityRef = stringifyEntityRef({ kind, namespace: metadata.namespace, name: metadata.name });
  const audience = resolveTokenAudience(annotations, entityRef, rules.tokenAudiences);
  if (!audience.ok) problems.push({ annotation: LUIGI_TOKEN_AUDIENCE_ANNOTATION, reason: audience.reason });
  const tenant = checkTenantAnnotation(entity, rules.tenants);
  if (tenant !== undefined) problems.push({ annotation: LUIGI_TENANT_ANNOTATION, reason: tenant });
  return problems;
}
