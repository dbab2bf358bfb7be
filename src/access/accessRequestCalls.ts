import { ResponseError } from '@backstage/errors';
import {
  LUIGI_ACCESS_GRANTS_PATH,
  LUIGI_ACCESS_REQUESTS_PATH,
  LuigiAccessGrant,
  LuigiAccessRequest,
  LuigiAccessRequestInput,
} from 'backstage-plugin-luigi-common';

/**
 * Where the user's access request for one micro app stands, as the backend answers it: whether the
 * portal takes requests, the durations it offers, and the latest request (null: none).
 * @public
 */
export interface LuigiAccessRequestStatus {
  enabled: boolean;
  durationsMinutes: number[];
  request: LuigiAccessRequest | null;
}

/**
 * What waits for the user as an owner (or, `admin`, for every app): pending requests they may
 * decide, and the active grants they may end.
 * @public
 */
export interface LuigiAccessRequestInbox {
  admin: boolean;
  requests: LuigiAccessRequest[];
  grants: LuigiAccessGrant[];
}

/** Sends one request to the luigi backend (path under `/api/luigi`) with the user's credentials. */
export type LuigiBackendFetch = (path: string, init: RequestInit) => Promise<Response>;

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as T;
}

const post = (body?: object): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body ?? {}),
  cache: 'no-store',
});

/** The access request routes of the luigi backend, over `send`. Refusals reject with the backend's message. */
export function accessRequestCalls(send: LuigiBackendFetch) {
  return {
    status: async (entityRef: string) =>
      json<LuigiAccessRequestStatus>(
        await send(`${LUIGI_ACCESS_REQUESTS_PATH}?entityRef=${encodeURIComponent(entityRef)}`, { method: 'GET', cache: 'no-store' }),
      ),
    ask: async (input: LuigiAccessRequestInput) => json<LuigiAccessRequest>(await send(LUIGI_ACCESS_REQUESTS_PATH, post(input))),
    inbox: async () => json<LuigiAccessRequestInbox>(await send(`${LUIGI_ACCESS_REQUESTS_PATH}/inbox`, { method: 'GET', cache: 'no-store' })),
    decide: async (id: string, approve: boolean, note?: string) =>
      json<LuigiAccessRequest>(
        await send(`${LUIGI_ACCESS_REQUESTS_PATH}/${encodeURIComponent(id)}/decision`, post({ decision: approve ? 'approve' : 'deny', ...(note ? { note } : {}) })),
      ),
    revoke: async (grantId: string) => json<LuigiAccessGrant>(await send(`${LUIGI_ACCESS_GRANTS_PATH}/${encodeURIComponent(grantId)}/revoke`, post())),
  };
}

/**
 * The access request calls of {@link LuigiAccessApi}: optional there, so that implementations
 * written before them keep working (absent: the panels offer no request and show no inbox).
 * @public
 */
export type LuigiAccessRequestsApi = ReturnType<typeof accessRequestCalls>;
