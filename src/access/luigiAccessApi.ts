import { createApiRef, DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  LuigiAccessDecisions,
  LuigiMicroAppToken,
  parseAccessDecisions,
  parseMicroAppToken,
} from 'backstage-plugin-luigi-common';

/**
 * Asks the luigi backend which micro frontends the signed-in user may open. The backend decides, on
 * Backstage's permission framework; the frontend only hides what the backend would refuse anyway.
 * @public
 */
export interface LuigiAccessApi {
  /** One decision per entity ref (normalized), and the backend's access mode. */
  decide(entityRefs: string[]): Promise<LuigiAccessDecisions>;
  /**
   * A token for one entity's micro apps, issued by the backend only if the user may open them:
   * short-lived, with the entity's audience. Rejects when the backend refuses.
   */
  issueToken(entityRef: string): Promise<LuigiMicroAppToken>;
}

/**
 * API ref for {@link LuigiAccessApi}.
 * @public
 */
export const luigiAccessApiRef = createApiRef<LuigiAccessApi>({ id: 'plugin.luigi.access' });

/**
 * {@link LuigiAccessApi} over the luigi backend plugin's `/access/decisions` and `/tokens` routes,
 * with the user's own credentials (Backstage's fetch API adds them).
 * @public
 */
export class LuigiAccessClient implements LuigiAccessApi {
  constructor(private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  async decide(entityRefs: string[]): Promise<LuigiAccessDecisions> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('luigi');
    const response = await this.options.fetchApi.fetch(`${baseUrl}/access/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRefs }),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return parseAccessDecisions(await response.json());
  }

  async issueToken(entityRef: string): Promise<LuigiMicroAppToken> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('luigi');
    const response = await this.options.fetchApi.fetch(`${baseUrl}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef }),
      // Tokens are never cached, by the browser or anything between.
      cache: 'no-store',
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return parseMicroAppToken(await response.json());
  }
}
