import { describe, expect, it } from 'vitest';
import { dialableNumber } from '../../main/electron/phone-number.ts';
import { createTray, liveCallsLabel } from '../../main/electron/tray.ts';
import { createFakeElectron, FakeTray } from './support/fake-electron.ts';
import { createFakeService, sampleCall } from './support/fake-service.ts';

function setup() {
  const electron = createFakeElectron();
  const service = createFakeService();
  const timers: { callback: () => void; ms: number }[] = [];
  const told: string[] = [];
  let windowShown = 0;
  let quit = 0;
  const controller = createTray({
    Tray: electron.Tray,
    Menu: electron.Menu,
    iconPath: '/icons/tray.png',
    handlers: service.handlers,
    readClipboard: () => electron.clipboard.readText(),
    dialableNumber,
    publish: (event) => service.publish(event),
    showWindow: () => void (windowShown += 1),
    tell: (message) => told.push(message),
    quit: () => void (quit += 1),
    throttleMs: 500,
    setTimeout: (callback, ms) => timers.push({ callback, ms }),
    log: () => undefined,
  });
  const tray = FakeTray.instances[0];
  if (!tray) throw new Error('no tray created');
  return { controller, tray, electron, service, timers, told, windowShown: () => windowShown, quits: () => quit };
}

describe('tray', () => {
  it('labels the live call count', () => {
    expect(liveCallsLabel(0)).toBe('Ringside: no live calls');
    expect(liveCallsLabel(1)).toBe('Ringside: 1 live call');
    expect(liveCallsLabel(4)).toBe('Ringside: 4 live calls');
  });

  it('shows the live call count, recounted at most once per burst of call events', async () => {
    const { controller, tray, service, timers } = setup();
    expect(tray.iconPath).toBe('/icons/tray.png');
    service.liveCalls.count = 2;
    await controller.refresh();
    expect(tray.toolTip).toBe('Ringside: 2 live calls');
    expect(tray.title).toBe('2');

    service.liveCalls.count = 3;
    for (let i = 0; i < 50; i += 1) controller.handle({ type: 'call', call: sampleCall() });
    controller.handle({ type: 'health', health: await service.handlers.getHealth() });
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBe(500);
    expect(tray.toolTip).toBe('Ringside: 2 live calls');
    timers[0]?.callback();
    await expect.poll(() => tray.toolTip).toBe('Ringside: 3 live calls');
    expect(service.handlers.listCalls).toHaveBeenLastCalledWith({ status: 'live', limit: 1 });

    controller.handle({ type: 'call', call: sampleCall() });
    expect(timers).toHaveLength(2);
  });

  it('has Show, Dial from clipboard, Do not disturb and Quit', () => {
    const { tray } = setup();
    expect(tray.menu?.map((item) => item.label ?? item.type)).toEqual([
      'Show Ringside',
      'Dial number from clipboard',
      'Do not disturb',
      'separator',
      'Quit Ringside',
    ]);
  });

  it('dials a valid number from the clipboard through a dial-request', async () => {
    const { tray, electron, service, windowShown } = setup();
    electron.clipboardText.value = ' (415) 555-0100 ';
    tray.clickItem('Dial number from clipboard');
    await expect.poll(() => service.published).toEqual([{ type: 'dial-request', to: '+14155550100' }]);
    expect(windowShown()).toBe(1);
  });

  it('refuses clipboard text that is not a valid number', async () => {
    const { tray, electron, service, told } = setup();
    electron.clipboardText.value = 'call me at lunch';
    tray.clickItem('Dial number from clipboard');
    await expect.poll(() => told).toEqual(['The clipboard holds no valid phone number to dial.']);
    expect(service.published).toEqual([]);
  });

  it('saves do-not-disturb through settings and reflects it in the checkbox', async () => {
    const { tray, controller, service } = setup();
    controller.applySettings(service.settings);
    tray.clickItem('Do not disturb');
    await expect.poll(() => tray.menu?.find((item) => item.label === 'Do not disturb')?.checked).toBe(true);
    expect(service.handlers.saveSettings).toHaveBeenCalledWith({ doNotDisturb: true });
    tray.clickItem('Do not disturb');
    await expect.poll(() => service.settings.doNotDisturb).toBe(false);
  });

  it('shows the window on click and quits from the menu', () => {
    const { tray, windowShown, quits } = setup();
    tray.emit('click');
    tray.clickItem('Show Ringside');
    tray.clickItem('Quit Ringside');
    expect(windowShown()).toBe(2);
    expect(quits()).toBe(1);
  });
});
