import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult, ResourcePermission } from '@backstage/plugin-permission-common';
import { luigiMicroFrontendOpenPermission, luigiTenantEnterPermission } from 'backstage-plugin-luigi-common';
import { ApplyConditions } from './applyConditions';
import { AuthorizeEntities } from './decideAccess';

/**
 * The permission checks of one request: whether the user may open micro frontends (`open`, by entity
 * ref) and enter tenants (`enter`, by tenant id), with the user's own credentials.
 */
export interface RequestAuthorizer {
  open: AuthorizeEntities;
  enter: AuthorizeEntities;
}

/**
 * The permission checks of one request, asking the policy as little as correctness allows. A
 * Backstage policy decides by permission and user, never by resource (it is not given the resource
 * ref), so the policy is asked once per request for every permission the request may need, in one
 * `authorizeConditional` call: ALLOW or DENY answers every resource; CONDITIONAL is resolved for all
 * the request's resources at once by the plugin owning their resource type (`applyConditions`), as
 * the permission backend would resolve it for each. Nothing is kept beyond the request: a policy
 * change applies to the next request. A CONDITIONAL decision for another resource type than the
 * permission's, or any other answer, denies (`malformed-decision`); a failing permission backend or
 * owner rejects.
 */
export function requestAuthorizer(
  deps: { permissions: PermissionsService; applyConditions: ApplyConditions },
  credentials: BackstageCredentials,
  options: { withTenants: boolean },
): RequestAuthorizer {
  const asked: ResourcePermission[] = options.withTenants
    ? [luigiTenantEnterPermission, luigiMicroFrontendOpenPermission]
    : [luigiMicroFrontendOpenPermission];
  let decisions: Promise<unknown[]> | undefined;
  const decisionFor = async (permission: ResourcePermission) => {
    decisions ??= deps.permissions.authorizeConditional(
      asked.map(p => ({ permission: p })),
      { credentials },
    );
    const answers = await decisions;
    return Array.isArray(answers) && answers.length === asked.length ? answers[asked.indexOf(permission)] : undefined;
  };
  const authorize =
    (permission: ResourcePermission): AuthorizeEntities =>
    async refs => {
      if (refs.length === 0) return [];
      const decision = (await decisionFor(permission)) as
        | { result?: unknown; resourceType?: unknown; pluginId?: unknown; conditions?: unknown }
        | undefined;
      const result = decision?.result;
      if (result === AuthorizeResult.ALLOW || result === AuthorizeResult.DENY) return refs.map(() => ({ result }));
      if (
        result === AuthorizeResult.CONDITIONAL &&
        decision?.resourceType === permission.resourceType &&
        typeof decision?.pluginId === 'string' &&
        decision.conditions !== undefined
      ) {
        const results = await deps.applyConditions(decision as any, refs, credentials);
        return results.map(r => ({ result: r }));
      }
      return refs.map(() => ({ result: undefined }));
    };
  return { open: authorize(luigiMicroFrontendOpenPermission), enter: authorize(luigiTenantEnterPermission) };
}
