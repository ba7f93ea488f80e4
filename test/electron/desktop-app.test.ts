import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDesktopApp } from '../../main/electron/desktop-app.ts';
import { dialableNumber } from '../../main/electron/phone-number.ts';
import { APP_ENTRY_URL } from '../../main/electron/security.ts';
import { LIVE_EVENT_CHANNEL, REQUEST_METHODS, requestChannel } from '../../preload/contract.ts';
import type { SecretStore } from '../../main/service/secret-store.ts';
import { createFakeElectron, FakeBrowserWindow, FakeEvent, FakeNotification, FakeTray } from './support/fake-electron.ts';
import { createFakeService, sampleAlert, sampleCall } from './support/fake-service.ts';

async function start(options: { argv?: string[]; platform?: NodeJS.Platform; failStart?: boolean } = {}) {
  const electron = createFakeElectron();
  const service = createFakeService();
  const dir = mkdtempSync(join(tmpdir(), 'ringside-shell-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  const logged: string[] = [];
  const timers: (() => void)[] = [];
  let secretStore: SecretStore | null = null;
  const running = runDesktopApp({
    electron,
    platform: options.platform ?? 'linux',
    argv: options.argv ?? ['/opt/Ringside/ringside'],
    paths: {
      preload: '/app/dist/electron/preload.cjs',
      rendererDir: dir,
      windowIcon: '/app/dist/electron/icons/icon.png',
      trayIcon: '/app/dist/electron/icons/tray.png',
      secretsFile: join(dir, 'secrets.json'),
    },
    startService: async (store) => {
      secretStore = store;
      if (options.failStart) throw new Error('Port 4000 is in use.');
      return service;
    },
    dialableNumber,
    log: (line) => logged.push(line),
    setTimeout: (callback) => timers.push(callback),
    now: () => 0,
    trayThrottleMs: 500,
  });
  if (running === null) throw new Error('the shell did not start');
  await running.ready.catch(() => undefined);
  const window = FakeBrowserWindow.instances[0];
  return { electron, service, window, running, logged, timers, secretStore: () => secretStore };
}

describe('the desktop shell', () => {
  it('opens one hardened window on the app scheme with the bundled preload', async () => {
    const { electron, window } = await start();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window?.loadedUrl).toBe(APP_ENTRY_URL);
    expect(window?.visible).toBe(true);
    expect(electron.privilegedSchemes.map((scheme) => scheme.scheme)).toEqual(['ringside']);
    const served = await electron.protocolHandlers.get('ringside')?.(new Request(APP_ENTRY_URL));
    expect(served?.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(window?.webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('registers IPC for every contract method, answering only the app page', async () => {
    const { electron, window, service } = await start();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(REQUEST_METHODS.map(requestChannel).sort());
    if (!window) throw new Error('no window');
    const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await electron.ipcMain.invoke(requestChannel('getSettings'), trusted)).toEqual({ ok: true, value: service.settings });
  });

  it('forwards live events to the window', async () => {
    const { service, window } = await start();
    const event = { type: 'call' as const, call: sampleCall() };
    service.publish(event);
    expect(window?.webContents.sent).toContainEqual({ channel: LIVE_EVENT_CHANNEL, args: [event] });
  });

  it('shows alerts as notifications and updates the tray on call events', async () => {
    const { service, timers } = await start();
    const tray = FakeTray.instances[0];
    service.publish({ type: 'alert', alert: sampleAlert('failed') });
    await expect.poll(() => FakeNotification.instances.length).toBe(1);
    service.liveCalls.count = 1;
    service.publish({ type: 'call', call: sampleCall() });
    timers.forEach((fire) => fire());
    await expect.poll(() => tray?.toolTip).toBe('Ringside: 1 live call');
  });

  it('hands the service a safeStorage-backed secret store', async () => {
    const { secretStore, electron } = await start();
    electron.safeStorage.backend = 'kwallet6';
    expect(secretStore()?.description).toBe('the system keyring (kwallet6)');
  });

  it('becomes the tel: and callto: handler and follows start-at-login', async () => {
    const { electron, window, service } = await start();
    expect(electron.app.protocolClients).toEqual(['tel', 'callto']);
    expect(electron.app.loginItem).toEqual({ openAtLogin: false });
    if (!window) throw new Error('no window');
    const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await electron.ipcMain.invoke(requestChannel('saveSettings'), trusted, { startAtLogin: true });
    expect(electron.app.loginItem).toEqual({ openAtLogin: true });
    expect(service.handlers.saveSettings).toHaveBeenCalledWith({ startAtLogin: true });
  });

  it('offers a tel: link given at launch', async () => {
    const { service } = await start({ argv: ['/opt/Ringside/ringside', 'tel:+1-415-555-0100'] });
    expect(service.published).toEqual([{ type: 'dial-request', to: '+14155550100' }]);
  });

  it('forwards a tel: link from a second instance and brings the window back', async () => {
    const { electron, service, window } = await start();
    window?.hide();
    if (window) window.minimized = true;
    electron.app.emit('second-instance', new FakeEvent(), ['/opt/Ringside/ringside', '--flag', 'callto://+14155550100']);
    expect(window?.visible).toBe(true);
    expect(window?.minimized).toBe(false);
    expect(service.published).toEqual([{ type: 'dial-request', to: '+14155550100' }]);
    electron.app.emit('second-instance', new FakeEvent(), ['/opt/Ringside/ringside']);
    expect(service.published).toHaveLength(1);
  });

  it('handles open-url (macOS) links, ignoring ones without a number', async () => {
    const { electron, service, logged } = await start({ platform: 'darwin' });
    const event = new FakeEvent();
    electron.app.emit('open-url', event, 'tel:%2B14155550100');
    electron.app.emit('open-url', new FakeEvent(), 'tel:call-me');
    expect(event.defaultPrevented).toBe(true);
    expect(service.published).toEqual([{ type: 'dial-request', to: '+14155550100' }]);
    expect(logged.some((line) => line.includes('tel:call-me'))).toBe(true);
  });

  it('only hides the window on close, and closes the service once on quit', async () => {
    const { electron, window, service } = await start();
    expect(window?.close()).toBe(true);
    expect(window?.visible).toBe(false);
    expect(service.closed).toBe(false);
    electron.app.quit();
    await expect.poll(() => electron.app.quitCalls).toBe(2);
    expect(service.closed).toBe(true);
    expect(FakeTray.instances[0]?.destroyed).toBe(true);
    expect(window?.close()).toBe(false);
  });

  it('quits at once when another instance already runs', () => {
    const electron = createFakeElectron();
    electron.app.hasLock = false;
    const running = runDesktopApp({
      electron,
      platform: 'linux',
      argv: [],
      paths: { preload: '', rendererDir: '', windowIcon: '', trayIcon: '', secretsFile: '' },
      startService: () => Promise.reject(new Error('must not start')),
      dialableNumber,
      log: () => undefined,
      setTimeout: () => undefined,
      now: () => 0,
      trayThrottleMs: 500,
    });
    expect(running).toBeNull();
    expect(electron.app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('tells the user and exits when the service cannot start', async () => {
    const { electron, running } = await start({ failStart: true });
    await expect(running.ready).rejects.toThrow('Port 4000 is in use.');
    expect(electron.dialogs[0]).toMatchObject({ type: 'error', message: 'Ringside could not start.', detail: 'Port 4000 is in use.' });
    expect(electron.app.exitCode).toBe(1);
  });
});
