import { LuigiDenialReason, LuigiTokenPurpose } from 'backstage-plugin-luigi-common';

/**
 * The analytics actions the plugin captures (Backstage's `captureEvent`, plugin `luigi`).
 * @public
 */
export const LUIGI_ANALYTICS_ACTIONS = {
  /** A micro app's first token was delivered. */
  open: 'open',
  /** A micro app's token was renewed. */
  refresh: 'refresh',
  /** The backend refused a micro app's token, or a denied micro app was shown. */
  deny: 'deny',
  /** The page entered another tenant than the one it showed. */
  switchTenant: 'switch-tenant',
} as const;

/**
 * One analytics event. Attributes are ids, refs and reasons only: never a token or any part of one.
 */
export interface LuigiAnalyticsEvent {
  action: (typeof LUIGI_ANALYTICS_ACTIONS)[keyof typeof LUIGI_ANALYTICS_ACTIONS];
  subject: string;
  attributes: Record<string, string | number>;
}

/** `attributes` without the ones that are undefined (Backstage's attributes take no undefined). */
function defined(attributes: Record<string, string | number | undefined>): Record<string, string | number> {
  const result: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) result[key] = value;
  return result;
}

/** A micro app's token delivered: its first (`open`) or a renewal (`refresh`). */
export function tokenDeliveredEvent(purpose: LuigiTokenPurpose, entityRef: string, tenant?: string): LuigiAnalyticsEvent {
  return {
    action: purpose === 'open' ? LUIGI_ANALYTICS_ACTIONS.open : LUIGI_ANALYTICS_ACTIONS.refresh,
    subject: entityRef,
    attributes: defined({ entityRef, tenant }),
  };
}

/** The HTTP status of a failed request, when the error carries one (Backstage's `ResponseError` does). */
function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The backend refused a micro app's token (`401`/`403`), or undefined for any other failure: an
 * unreachable backend is an outage, not a refusal. The error's message is not sent along.
 */
export function tokenRefusedEvent(entityRef: string, error: unknown, tenant?: string): LuigiAnalyticsEvent | undefined {
  const status = statusOf(error);
  if (status !== 401 && status !== 403) return undefined;
  return {
    action: LUIGI_ANALYTICS_ACTIONS.deny,
    subject: entityRef,
    attributes: defined({ entityRef, tenant, reason: 'token-refused', status }),
  };
}

/** A micro app the user may not open (the entity `entityRef`) was shown as denied, for `reason`. */
export function deniedShownEvent(entityRef: string, reason: LuigiDenialReason, tenant?: string): LuigiAnalyticsEvent {
  return {
    action: LUIGI_ANALYTICS_ACTIONS.deny,
    subject: entityRef,
    attributes: defined({ entityRef, tenant, reason }),
  };
}

/** The page entered `tenant`, having shown `from` before. */
export function switchTenantEvent(tenant: string, from: string): LuigiAnalyticsEvent {
  return { action: LUIGI_ANALYTICS_ACTIONS.switchTenant, subject: tenant, attributes: { tenant, from } };
}

/** What the analytics tracker needs to offer. */
export interface AnalyticsTrackerLike {
  captureEvent(action: string, subject: string, options?: { attributes?: Record<string, string | number | boolean> }): void;
}

/** Captures an event, best effort: analytics that throws must never break a micro app. */
export function captureSafely(tracker: AnalyticsTrackerLike, event: LuigiAnalyticsEvent | undefined) {
  if (!event) return;
  try {
    tracker.captureEvent(event.action, event.subject, { attributes: event.attributes });
  } catch {
    // Analytics is best effort.
  }
}
