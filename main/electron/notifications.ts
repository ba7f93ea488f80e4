// Shows the alerts the core decided on as system notifications. Which alerts exist, and when
// they are withdrawn, is not decided here; only whether to show them (do-not-disturb) is.
import type { Alert, AlertKind, LiveEvent, RequestHandlers } from '../../preload/contract.ts';
import type { NotificationConstructor, NotificationLike } from './ports.ts';

export interface AlertNotifierOptions {
  Notification: NotificationConstructor;
  platform: NodeJS.Platform;
  handlers: Pick<RequestHandlers, 'getSettings' | 'cancelCall' | 'redirectCall'>;
  publish(event: LiveEvent): void;
  showWindow(): void;
  log(line: string): void;
}

export interface AlertNotifier {
  /** Feed every live event; alerts and withdrawals are acted on, the rest ignored. */
  handle(event: LiveEvent): Promise<void>;
}

const HEADLINES: Record<AlertKind, string> = {
  busy: 'Line busy',
  failed: 'Call failed',
  'no-answer': 'No answer',
  canceled: 'Call canceled',
  'long-ring': 'Still ringing',
};

/** The notification's buttons. Only a ringing call can still be acted on, and only macOS shows buttons. */
function actionsFor(alert: Alert, platform: NodeJS.Platform, canRedirect: boolean): ('cancel' | 'redirect')[] {
  if (platform !== 'darwin' || alert.kind !== 'long-ring') return [];
  return canRedirect ? ['cancel', 'redirect'] : ['cancel'];
}

function bodyFor(alert: Alert): string {
  const { call } = alert;
  const detail = call.errorMessage ?? (call.sipResponseCode === null ? null : `SIP ${call.sipResponseCode}`);
  return detail === null ? `From ${call.from}` : `From ${call.from} · ${detail}`;
}

export function createAlertNotifier(options: AlertNotifierOptions): AlertNotifier {
  // Alert id → its notification, or null while settings are being read. Holding the reference
  // also keeps Electron from collecting the notification (and losing its click handler).
  const shown = new Map<string, NotificationLike | null>();

  const runAction = (action: 'cancel' | 'redirect', alert: Alert): void => {
    const done = (async () => {
      if (action === 'cancel') {
        await options.handlers.cancelCall(alert.callSid);
        return;
      }
      const { redirectTarget } = await options.handlers.getSettings();
      if (redirectTarget !== null) await options.handlers.redirectCall(alert.callSid, redirectTarget);
    })();
    done.catch((error: unknown) => options.log(`Notification action ${action} on ${alert.callSid} failed: ${String(error)}`));
  };

  const show = async (alert: Alert): Promise<void> => {
    if (shown.has(alert.id) || !options.Notification.isSupported()) return;
    shown.set(alert.id, null);
    const settings = await options.handlers.getSettings();
    // Withdrawn while the settings were read, or do-not-disturb: show nothing.
    if (!shown.has(alert.id) || settings.doNotDisturb) {
      shown.delete(alert.id);
      return;
    }
    const actions = actionsFor(alert, options.platform, settings.redirectTarget !== null);
    const notification = new options.Notification({
      title: `${HEADLINES[alert.kind]}: ${alert.call.to}`,
      body: bodyFor(alert),
      actions: actions.map((action) => ({ type: 'button' as const, text: action === 'cancel' ? 'Cancel call' : 'Redirect' })),
    });
    notification.on('click', () => {
      options.showWindow();
      options.publish({ type: 'focus-call', callSid: alert.callSid });
    });
    notification.on('action', ({ actionIndex }) => {
      const action = actions[actionIndex];
      if (action !== undefined) runAction(action, alert);
    });
    notification.on('close', () => shown.delete(alert.id));
    shown.set(alert.id, notification);
    notification.show();
  };

  const withdraw = (alertId: string): void => {
    const notification = shown.get(alertId);
    shown.delete(alertId);
    notification?.close();
  };

  return {
    async handle(event) {
      if (event.type === 'alert') await show(event.alert);
      else if (event.type === 'alert-withdrawn') withdraw(event.alertId);
    },
  };
}
