import { CLIENT_PERMISSION_MESSAGES, clientPermissionRefusal } from './clientPermissionRefusals';
import { frameOriginOf } from './frameOrigin';

const ALERT_SHOW = 'luigi.ux.alert.show';
const ALERT_HIDE = 'luigi.ux.alert.hide';
const TYPES = new Set(['info', 'success', 'warning', 'error']);

/** An alert a micro app raised with `uxManager().showAlert`, shown by the portal. Plain text. */
export interface MicroAppAlert {
  id: string;
  text: string;
  type: 'info' | 'success' | 'warning' | 'error';
  /** The entity whose micro app raised it; undefined for Luigi core's own alerts. */
  entityRef?: string;
}

/** What Luigi hands its `settings.customAlertHandler` (a subset). */
interface LuigiAlertSettings {
  id?: unknown;
  text?: unknown;
  type?: unknown;
  closeAfter?: unknown;
  links?: Record<string, { text?: unknown } | undefined>;
}

interface OpenAlert extends MicroAppAlert {
  /** The id as the micro app sent it (Luigi client's are numbers), for its hide message. */
  rawId: unknown;
  frame?: HTMLIFrameElement;
  resolve(dismissKey?: string): void;
  timer?: ReturnType<typeof setTimeout>;
}

/** Luigi's `{key}` link placeholders, with their link's text (links are shown, not followed). */
function alertText(settings: LuigiAlertSettings): string {
  const text = typeof settings.text === 'string' ? settings.text : '';
  return text.replace(/\{([^{}]+)\}/g, (whole, key: string) => {
    const link = settings.links?.[key];
    return typeof link?.text === 'string' ? link.text : whole;
  });
}


/**
 * Shows micro app alerts in the portal's look, each owned by the micro app that raised it.
 *
 * Luigi core draws alerts above every view, and they stay when the user moves to another micro
 * app, covering its buttons. Luigi's `customAlertHandler` hands them to the plugin instead; a
 * capture listener (before Luigi's) notes which frame raised which alert. An alert is dismissed by
 * the user, by its `closeAfter`, or when its micro app is no longer shown; the frame that raised it
 * hears `luigi.ux.alert.hide`, as from Luigi, so its `showAlert` promise resolves. A request Luigi
 * refuses for want of a client permission (which Luigi only logs) becomes a warning of the app.
 */
export class MicroAppAlerts {
  private readonly raisedBy = new Map<string, HTMLIFrameElement>();
  private open: OpenAlert[] = [];

  constructor(
    private readonly frames: () => HTMLIFrameElement[],
    private readonly entityOf: (frame: HTMLIFrameElement) => string | undefined,
    private readonly onChange: (alerts: MicroAppAlert[]) => void,
    private readonly win: Window = window,
  ) {}

  /** Starts noting which frame raises which alert (once, for the life of the tab). */
  install() {
    this.win.addEventListener('message', this.onMessage, true);
  }

  /** Luigi's `settings.customAlertHandler`: shows the alert; resolves when it is dismissed. */
  readonly show = (settings: LuigiAlertSettings): Promise<string | undefined> => {
    const hasId = typeof settings.id === 'string' || typeof settings.id === 'number';
    const id = hasId ? String(settings.id) : `core-${Date.now()}-${this.open.length}`;
    const frame = this.raisedBy.get(id);
    this.raisedBy.delete(id);
    return new Promise(resolve => {
      const alert: OpenAlert = {
        id,
        rawId: hasId ? settings.id : id,
        text: alertText(settings),
        type: TYPES.has(settings.type as string) ? (settings.type as MicroAppAlert['type']) : 'info',
        entityRef: frame ? this.entityOf(frame) : undefined,
        frame,
        resolve,
      };
      if (typeof settings.closeAfter === 'number' && settings.closeAfter > 0) {
        alert.timer = setTimeout(() => this.dismiss(id), settings.closeAfter);
      }
      this.open = [...this.open.filter(other => other.id !== id), alert];
      this.changed();
    });
  };

  /** Dismisses one alert (the user closed it), telling the micro app that raised it. */
  dismiss(id: string, dismissKey?: string) {
    const alert = this.open.find(candidate => candidate.id === id);
    if (!alert) return;
    this.open = this.open.filter(candidate => candidate !== alert);
    this.close(alert, dismissKey);
    this.changed();
  }

  /** Dismisses every alert not raised by `entityRef`'s micro app: the user moved on to another. */
  keepOnly(entityRef: string | undefined) {
    this.closeWhere(alert => alert.entityRef !== entityRef);
  }

  /** Dismisses every alert: the view showing them is gone. */
  dismissAll() {
    this.closeWhere(() => true);
  }

  private closeWhere(leaves: (alert: OpenAlert) => boolean) {
    const leaving = this.open.filter(leaves);
    if (leaving.length === 0) return;
    this.open = this.open.filter(alert => !leaving.includes(alert));
    leaving.forEach(alert => this.close(alert));
    this.changed();
  }

  /** The alerts shown now. */
  current(): MicroAppAlert[] {
    return this.open.map(({ id, text, type, entityRef }) => ({ id, text, type, entityRef }));
  }

  private close(alert: OpenAlert, dismissKey?: string) {
    if (alert.timer) clearTimeout(alert.timer);
    const origin = alert.frame ? frameOriginOf(alert.frame.src) : undefined;
    if (alert.frame?.isConnected && alert.frame.contentWindow && origin) {
      alert.frame.contentWindow.postMessage({ msg: ALERT_HIDE, id: alert.rawId, dismissKey }, origin);
    }
    alert.resolve(dismissKey ?? alert.id);
  }

  private changed() {
    this.onChange(this.current());
  }

  private readonly onMessage = (event: MessageEvent) => {
    const data = event.data as { msg?: unknown; data?: { settings?: { id?: unknown } } } | null;
    // Every message of every frame passes here: look up the frame only for the few that matter.
    if (!data || (data.msg !== ALERT_SHOW && !CLIENT_PERMISSION_MESSAGES.has(data.msg))) return;
    const frame = this.frames().find(candidate => candidate.contentWindow === event.source);
    if (!frame) return;
    const id = data.data?.settings?.id;
    if (data.msg === ALERT_SHOW && (typeof id === 'string' || typeof id === 'number')) {
      this.raisedBy.set(String(id), frame);
      return;
    }
    const refusal = clientPermissionRefusal(data, frame);
    if (refusal) {
      const refusalId = `refused-${String(data.msg)}-${this.entityOf(frame) ?? ''}`;
      this.raisedBy.set(refusalId, frame);
      void this.show({ id: refusalId, text: refusal, type: 'warning' });
    }
  };
}
