import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { LuigiAccessRequestStatus } from '../access/accessRequestCalls';
import { luigiAccessApiRef } from '../access/luigiAccessApi';

/** The user's access request for one micro app: see {@link useAccessRequest}. */
export interface AccessRequestState {
  /** Undefined while loading, when the API has no access requests, or when loading failed. */
  status?: LuigiAccessRequestStatus;
  loading: boolean;
  /** Why loading the status or the last request failed: the backend's message. */
  error?: Error;
  /** Sends the request; the status is read again after it. */
  ask(durationMinutes: number, reason: string): Promise<void>;
  asking: boolean;
  retry(): void;
}

/**
 * Where the signed-in user's access request for `entityRef` stands, and asking: the backend decides
 * whether the request is taken (and audits it); this only shows its answer.
 */
export function useAccessRequest(entityRef: string): AccessRequestState {
  const calls = useApi(luigiAccessApiRef).accessRequests;
  const loaded = useAsyncRetry(async () => (calls ? calls.status(entityRef) : undefined), [calls, entityRef]);
  const [asking, setAsking] = useState(false);
  const [askError, setAskError] = useState<Error>();
  const { retry } = loaded;
  const ask = useCallback(
    async (durationMinutes: number, reason: string) => {
      if (!calls) return;
      setAsking(true);
      setAskError(undefined);
      try {
        await calls.ask({ entityRef, durationMinutes, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      } catch (error) {
        setAskError(error as Error);
      } finally {
        setAsking(false);
        retry();
      }
    },
    [calls, entityRef, retry],
  );
  return { status: loaded.value, loading: loaded.loading, error: askError ?? loaded.error, ask, asking, retry };
}
