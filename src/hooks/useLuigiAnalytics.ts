import { useAnalytics } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { captureSafely, LuigiAnalyticsEvent } from '../analytics/luigiEvents';

/**
 * Captures the plugin's analytics events through Backstage's analytics API, best effort (a no-op
 * where the app has none, silent where it throws). The function is stable across renders.
 */
export function useLuigiAnalytics(): (event: LuigiAnalyticsEvent | undefined) => void {
  const tracker = useAnalytics();
  return useCallback((event: LuigiAnalyticsEvent | undefined) => captureSafely(tracker, event), [tracker]);
}
