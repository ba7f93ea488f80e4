import { describe, expect, it } from 'vitest';
import { createAlertNotifier } from '../../main/electron/notifications.ts';
import { createFakeElectron, FakeNotification } from './support/fake-electron.ts';
import { CALL_SID, createFakeService, sampleAlert, sampleCall } from './support/fake-service.ts';

function setup(platform: NodeJS.Platform = 'linux') {
  const electron = createFakeElectron();
  const service = createFakeService();
  let windowShown = 0;
  const logged: string[] = [];
  const notifier = createAlertNotifier({
    Notification: electron.Notification,
    platform,
    handlers: service.handlers,
    publish: (event) => service.publish(event),
    showWindow: () => void (windowShown += 1),
    log: (line) => logged.push(line),
  });
  return { notifier, service, logged, windowShown: () => windowShown };
}

describe('alert notifications', () => {
  it('shows a notification for an alert', async () => {
    const { notifier } = setup();
    const alert = sampleAlert('busy', sampleCall({ status: 'busy', sipResponseCode: 486 }));
    await notifier.handle({ type: 'alert', alert });
    expect(FakeNotification.instances).toHaveLength(1);
    const [notification] = FakeNotification.instances;
    expect(notification?.shown).toBe(true);
    expect(notification?.options).toMatchObject({ title: 'Line busy: +14155550199', body: 'From +14155550100 · SIP 486', actions: [] });
  });

  it('shows nothing under do-not-disturb', async () => {
    const { notifier, service } = setup();
    service.settings.doNotDisturb = true;
    await notifier.handle({ type: 'alert', alert: sampleAlert('failed') });
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('shows the same alert once', async () => {
    const { notifier } = setup();
    const alert = sampleAlert('no-answer');
    await Promise.all([notifier.handle({ type: 'alert', alert }), notifier.handle({ type: 'alert', alert })]);
    expect(FakeNotification.instances).toHaveLength(1);
  });

  it('closes the notification when the alert is withdrawn', async () => {
    const { notifier } = setup();
    const alert = sampleAlert('long-ring');
    await notifier.handle({ type: 'alert', alert });
    await notifier.handle({ type: 'alert-withdrawn', alertId: alert.id });
    expect(FakeNotification.instances[0]?.closed).toBe(true);
  });

  it('does not show an alert withdrawn while settings were being read', async () => {
    const { notifier } = setup();
    const alert = sampleAlert('long-ring');
    const showing = notifier.handle({ type: 'alert', alert });
    await notifier.handle({ type: 'alert-withdrawn', alertId: alert.id });
    await showing;
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('focuses the window and publishes focus-call when clicked', async () => {
    const { notifier, service, windowShown } = setup();
    await notifier.handle({ type: 'alert', alert: sampleAlert('failed') });
    FakeNotification.instances[0]?.emit('click');
    expect(windowShown()).toBe(1);
    expect(service.published).toEqual([{ type: 'focus-call', callSid: CALL_SID }]);
  });

  it('offers Cancel and Redirect on a ringing call on macOS, and runs them', async () => {
    const { notifier, service } = setup('darwin');
    service.settings.redirectTarget = { to: '+14155550123' };
    await notifier.handle({ type: 'alert', alert: sampleAlert('long-ring') });
    const [notification] = FakeNotification.instances;
    expect(notification?.options.actions).toEqual([
      { type: 'button', text: 'Cancel call' },
      { type: 'button', text: 'Redirect' },
    ]);
    notification?.emit('action', { actionIndex: 0 });
    notification?.emit('action', { actionIndex: 1 });
    await expect.poll(() => service.handlers.redirectCall.mock.calls.length).toBe(1);
    expect(service.handlers.cancelCall).toHaveBeenCalledWith(CALL_SID);
    expect(service.handlers.redirectCall).toHaveBeenCalledWith(CALL_SID, { to: '+14155550123' });
  });

  it('offers only Cancel without a redirect target, and no buttons off macOS or for ended calls', async () => {
    const actionCounts = async (platform: NodeJS.Platform, alert: ReturnType<typeof sampleAlert>, redirect: boolean) => {
      const { notifier, service } = setup(platform);
      if (redirect) service.settings.redirectTarget = { to: '+14155550123' };
      await notifier.handle({ type: 'alert', alert });
      return FakeNotification.instances[0]?.options.actions?.length;
    };
    expect(await actionCounts('darwin', sampleAlert('long-ring'), false)).toBe(1);
    expect(await actionCounts('darwin', sampleAlert('busy'), true)).toBe(0);
    expect(await actionCounts('win32', sampleAlert('long-ring'), true)).toBe(0);
    expect(await actionCounts('linux', sampleAlert('long-ring'), true)).toBe(0);
  });

  it('logs a failed action instead of throwing', async () => {
    const { notifier, service, logged } = setup('darwin');
    service.handlers.cancelCall.mockRejectedValueOnce(new Error('already ended'));
    await notifier.handle({ type: 'alert', alert: sampleAlert('long-ring') });
    FakeNotification.instances[0]?.emit('action', { actionIndex: 0 });
    await expect.poll(() => logged.length).toBe(1);
    expect(logged[0]).toContain('already ended');
  });

  it('shows nothing where notifications are unsupported', async () => {
    const { notifier } = setup();
    FakeNotification.supported = false;
    await notifier.handle({ type: 'alert', alert: sampleAlert('failed') });
    expect(FakeNotification.instances).toHaveLength(0);
  });
});
