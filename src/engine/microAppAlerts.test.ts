import { MicroAppAlerts } from './microAppAlerts';

function frameAt(src: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.src = src;
  document.body.appendChild(frame);
  return frame;
}

/** What Luigi client posts for `uxManager().showAlert(settings)`, from the frame's window. */
function raise(frame: HTMLIFrameElement, settings: object) {
  window.dispatchEvent(
    new MessageEvent('message', { data: { msg: 'luigi.ux.alert.show', data: { settings } }, source: frame.contentWindow }),
  );
}

describe('MicroAppAlerts', () => {
  const orders = frameAt('https://apps.example.com/orders/');
  const billing = frameAt('https://apps.example.com/billing/');
  const entityOf = new Map([
    [orders, 'component:default/orders'],
    [billing, 'component:default/billing'],
  ]);
  let shown: unknown[];
  let alerts: MicroAppAlerts;

  beforeEach(() => {
    shown = [];
    alerts = new MicroAppAlerts(() => [orders, billing], frame => entityOf.get(frame), current => shown.push(current));
    alerts.install();
  });

  it('shows an alert as text, owned by the micro app that raised it', () => {
    raise(orders, { id: 'a1', text: 'Saved <b>{details}</b>', type: 'success', links: { details: { text: 'order 42' } } });
    void alerts.show({ id: 'a1', text: 'Saved <b>{details}</b>', type: 'success', links: { details: { text: 'order 42' } } });
    expect(alerts.current()).toEqual([
      { id: 'a1', text: 'Saved <b>order 42</b>', type: 'success', entityRef: 'component:default/orders' },
    ]);
    expect(shown.at(-1)).toEqual(alerts.current());
  });

  it("closes an app's alerts when the user moves to another app, and tells the app", async () => {
    const post = jest.spyOn(orders.contentWindow!, 'postMessage');
    // Luigi client's ids are numbers, and it compares the hide message's id strictly.
    raise(orders, { id: 7, text: 'Hello' });
    const dismissed = alerts.show({ id: 7, text: 'Hello', type: 'info' });
    raise(billing, { id: 'b1', text: 'Hi' });
    void alerts.show({ id: 'b1', text: 'Hi', type: 'bogus' });
    alerts.keepOnly('component:default/billing');
    expect(alerts.current()).toEqual([{ id: 'b1', text: 'Hi', type: 'info', entityRef: 'component:default/billing' }]);
    await expect(dismissed).resolves.toBe('7');
    expect(post).toHaveBeenCalledWith({ msg: 'luigi.ux.alert.hide', id: 7, dismissKey: undefined }, 'https://apps.example.com');
  });

  it('dismisses on request and after closeAfter', async () => {
    jest.useFakeTimers();
    try {
      raise(orders, { id: 't1', text: 'Soon gone' });
      const timed = alerts.show({ id: 't1', text: 'Soon gone', closeAfter: 3000 });
      void alerts.show({ id: 'u1', text: 'Core alert' });
      expect(alerts.current().map(alert => alert.id)).toEqual(['t1', 'u1']);
      jest.advanceTimersByTime(3000);
      await expect(timed).resolves.toBe('t1');
      alerts.dismiss('u1');
      expect(alerts.current()).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });

  it("says, as the app's warning, when Luigi will refuse a request for want of a client permission", () => {
    (orders as any).luigi = { currentNode: { clientPermissions: {} } };
    (billing as any).luigi = { currentNode: { clientPermissions: { urlParameters: { q: { write: true } } } } };
    const send = (frame: HTMLIFrameElement, msg: string) =>
      window.dispatchEvent(new MessageEvent('message', { data: { msg, data: {} }, source: frame.contentWindow }));
    send(billing, 'luigi.addSearchParams');
    expect(alerts.current()).toEqual([]);
    send(orders, 'luigi.addSearchParams');
    send(orders, 'luigi.addSearchParams');
    send(orders, 'luigi.ux.set-current-locale');
    expect(alerts.current().map(alert => [alert.type, alert.entityRef, alert.text.match(/clientPermissions\.\w+/)?.[0]])).toEqual([
      ['warning', 'component:default/orders', 'clientPermissions.urlParameters'],
      ['warning', 'component:default/orders', 'clientPermissions.changeCurrentLocale'],
    ]);
  });
});
