import { LuigiTenant } from 'backstage-plugin-luigi-common';

/**
 * The tenant the micro apps page shows, or last showed, in this browser tab: the page writes it once
 * the backend let the user enter a tenant; the sidebar, which lives outside the page, reads it to
 * list that tenant's apps. Undefined until the page entered one (and always without tenants). Like
 * the Luigi engine, one per tab. No React.
 */
let current: LuigiTenant | undefined;
const listeners = new Set<() => void>();

/** The tenant the page shows or last showed, if any. */
export function getCurrentTenant(): LuigiTenant | undefined {
  return current;
}

/** Records the tenant the page now shows; listeners hear of a change only. */
export function setCurrentTenant(tenant: LuigiTenant | undefined) {
  if (tenant?.id === current?.id && tenant?.title === current?.title) return;
  current = tenant && { id: tenant.id, title: tenant.title };
  listeners.forEach(listener => listener());
}

/** Calls `listener` on every change of the current tenant; returns the unsubscribe function. */
export function subscribeCurrentTenant(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
