import { useSyncExternalStore } from 'react';
import { SharedRead, SharedReadState } from './SharedRead';

/** A shared read's state as hooks return it, with `retry` to read again now. */
export interface SharedReadResult<T> extends SharedReadState<T> {
  retry(): void;
}

const idle: SharedReadResult<never> = { loading: false, retry: () => {} };
const noSubscription = () => () => {};
const idleState = () => idle;

/** Subscribes the component to `read` (undefined: nothing to read yet, not loading). */
export function useSharedRead<T>(read: SharedRead<T> | undefined): SharedReadResult<T> {
  const state = useSyncExternalStore(read?.subscribe ?? noSubscription, read?.getState ?? idleState);
  if (!read) return idle;
  return { ...state, retry: () => void read.refresh() };
}
