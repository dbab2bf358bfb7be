import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { LuigiAccessRequestInbox } from '../access/accessRequestCalls';
import { luigiAccessApiRef } from '../access/luigiAccessApi';

/** What waits for the user as an owner or admin, and acting on it: see {@link useAccessRequestInbox}. */
export interface AccessRequestInboxState {
  /** Undefined while loading, without access requests in the API, or when loading failed (nothing to show). */
  inbox?: LuigiAccessRequestInbox;
  /** Why the last decision or revocation failed: the backend's message. */
  error?: Error;
  /** The request or grant being acted on. */
  busy?: string;
  decide(requestId: string, approve: boolean, note: string): Promise<void>;
  revoke(grantId: string): Promise<void>;
}

/**
 * The pending access requests the signed-in user may decide and the grants they may end, asked once
 * per mount and again after each action. Only the backend decides who may act (and audits it);
 * a failure to load shows nothing, like the admin warnings.
 */
export function useAccessRequestInbox(): AccessRequestInboxState {
  const calls = useApi(luigiAccessApiRef).accessRequests;
  const loaded = useAsyncRetry(async () => {
    if (!calls) return undefined;
    try {
      return await calls.inbox();
    } catch {
      return undefined;
    }
  }, [calls]);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<Error>();
  const { retry } = loaded;
  const act = useCallback(
    async (id: string, action: () => Promise<unknown>) => {
      setBusy(id);
      setError(undefined);
      try {
        await action();
      } catch (e) {
        setError(e as Error);
      } finally {
        setBusy(undefined);
        retry();
      }
    },
    [retry],
  );
  const decide = useCallback(
    (requestId: string, approve: boolean, note: string) => act(requestId, () => calls!.decide(requestId, approve, note.trim() || undefined)),
    [act, calls],
  );
  const revoke = useCallback((grantId: string) => act(grantId, () => calls!.revoke(grantId)), [act, calls]);
  return { inbox: loaded.value, error, busy, decide, revoke };
}
