import { RootConfigService } from '@backstage/backend-plugin-api';
import { normalizeTokenAudiences, TokenAudiences } from 'backstage-plugin-luigi-common';

/**
 * `luigi.tokens.audiences`: the token audiences the admin assigns to micro apps besides their entity
 * ref. Throws, so the backend refuses to start, on an entry that is not a full entity ref and a valid
 * audience, an audience that is another entity's ref, or an entity or audience listed twice: each
 * audience must belong to exactly one app. Absent: every app's audience is its entity ref.
 */
export function readTokenAudiences(config: RootConfigService): TokenAudiences {
  const entries = (config.getOptionalConfigArray('luigi.tokens.audiences') ?? []).map(entry => ({
    entityRef: entry.getString('entityRef'),
    audience: entry.getString('audience'),
  }));
  const { audiences, problems } = normalizeTokenAudiences(entries);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return audiences;
}
