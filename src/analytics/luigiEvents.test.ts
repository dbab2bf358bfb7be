import {
  captureSafely,
  deniedShownEvent,
  switchTenantEvent,
  tokenDeliveredEvent,
  tokenRefusedEvent,
} from './luigiEvents';

const ORDERS = 'component:default/orders';

describe('luigi analytics events', () => {
  it('names the app and its tenant for delivered tokens, by purpose', () => {
    expect(tokenDeliveredEvent('open', ORDERS, 'retail')).toEqual({
      action: 'open',
      subject: ORDERS,
      attributes: { entityRef: ORDERS, tenant: 'retail' },
    });
    // No tenant attribute without tenants.
    expect(tokenDeliveredEvent('refresh', ORDERS)).toEqual({ action: 'refresh', subject: ORDERS, attributes: { entityRef: ORDERS } });
  });

  it('counts refusals as denials with the status, never the message; other failures not at all', () => {
    const refused = Object.assign(new Error('forbidden token-for:x'), { statusCode: 403 });
    expect(tokenRefusedEvent(ORDERS, refused, 'retail')).toEqual({
      action: 'deny',
      subject: ORDERS,
      attributes: { entityRef: ORDERS, tenant: 'retail', reason: 'token-refused', status: 403 },
    });
    expect(tokenRefusedEvent(ORDERS, Object.assign(new Error('down'), { statusCode: 503 }))).toBeUndefined();
    expect(tokenRefusedEvent(ORDERS, new Error('network'))).toBeUndefined();
  });

  it('describes a denied app shown and a tenant switch', () => {
    expect(deniedShownEvent(ORDERS, 'policy')).toEqual({ action: 'deny', subject: ORDERS, attributes: { entityRef: ORDERS, reason: 'policy' } });
    expect(switchTenantEvent('logistics', 'retail')).toEqual({
      action: 'switch-tenant',
      subject: 'logistics',
      attributes: { tenant: 'logistics', from: 'retail' },
    });
  });

  it('captures best effort: a throwing analytics API breaks nothing', () => {
    const tracker = { captureEvent: jest.fn(() => { throw new Error('analytics down'); }) };
    expect(() => captureSafely(tracker, switchTenantEvent('a', 'b'))).not.toThrow();
    expect(tracker.captureEvent).toHaveBeenCalledWith('switch-tenant', 'a', { attributes: { tenant: 'a', from: 'b' } });
    captureSafely(tracker, undefined);
    expect(tracker.captureEvent).toHaveBeenCalledTimes(1);
  });
});
