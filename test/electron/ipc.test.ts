import { describe, expect, it } from 'vitest';
import { forwardLiveEvents, registerIpcHandlers } from '../../main/electron/ipc.ts';
import { ServiceError } from '../../main/service/errors.ts';
import { APP_ENTRY_URL, isTrustedSender, windowOptions } from '../../main/electron/security.ts';
import { LIVE_EVENT_CHANNEL, REQUEST_METHODS, requestChannel, type LiveEvent } from '../../preload/contract.ts';
import { FakeBrowserWindow, FakeFrame, FakeIpcMain } from './support/fake-electron.ts';
import { CALL_SID, createFakeService, sampleCall } from './support/fake-service.ts';

function setup() {
  const ipcMain = new FakeIpcMain();
  const service = createFakeService();
  const window = new FakeBrowserWindow(windowOptions('/p.cjs', '/i.png'));
  window.webContents.mainFrame.url = APP_ENTRY_URL;
  const logged: string[] = [];
  const channels = registerIpcHandlers({
    ipcMain,
    handlers: service.handlers,
    isTrustedSender: (event) => isTrustedSender(window, event),
    log: (line) => logged.push(line),
  });
  const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  return { ipcMain, service, window, logged, channels, trusted };
}

describe('IPC handlers', () => {
  it('registers exactly one handler per contract method', () => {
    const { ipcMain, channels } = setup();
    const expected = REQUEST_METHODS.map(requestChannel).sort();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(expected);
    expect([...channels].sort()).toEqual(expected);
  });

  it('calls the service with the validated arguments and wraps the result', async () => {
    const { ipcMain, service, trusted } = setup();
    const result = await ipcMain.invoke(requestChannel('cancelCall'), trusted, CALL_SID);
    expect(service.handlers.cancelCall).toHaveBeenCalledWith(CALL_SID);
    expect(result).toEqual({ ok: true, value: sampleCall({ status: 'canceled' }) });
    expect(await ipcMain.invoke(requestChannel('listCalls'), trusted, { status: 'live', limit: 5 })).toMatchObject({ ok: true });
    expect(service.handlers.listCalls).toHaveBeenCalledWith({ status: 'live', limit: 5 });
  });

  it.each([
    ['getCall', ['not-a-sid']],
    ['cancelCall', []],
    ['listCalls', [{ status: 'bogus' }]],
    ['listCalls', [{ unknownField: 1 }]],
    ['dial', [{ to: '' }]],
    ['redirectCall', [CALL_SID, { url: 'javascript:alert(1)' }]],
    ['saveSettings', [{ twilioAuthToken: 'short' }]],
    ['getHealth', ['extra']],
  ] as const)('rejects invalid arguments to %s without calling the service', async (method, args) => {
    const { ipcMain, service, trusted } = setup();
    const result = (await ipcMain.invoke(requestChannel(method), trusted, ...args)) as { ok: boolean; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid-argument');
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(service.handlers[method]).not.toHaveBeenCalled();
  });

  it('rejects foreign senders without calling the service and without logging arguments', async () => {
    const { ipcMain, service, window, logged } = setup();
    const secret = 'f'.repeat(32);
    const foreign = [
      { sender: window.webContents, senderFrame: new FakeFrame(APP_ENTRY_URL, window.webContents.mainFrame) },
      { sender: window.webContents, senderFrame: new FakeFrame('https://evil.example/') },
      { sender: new FakeBrowserWindow({}).webContents, senderFrame: new FakeFrame(APP_ENTRY_URL) },
    ];
    for (const event of foreign) {
      const result = await ipcMain.invoke(requestChannel('saveSettings'), event, { twilioAuthToken: secret });
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: 'This page may not use Ringside.' } });
    }
    expect(service.handlers.saveSettings).not.toHaveBeenCalled();
    expect(logged).toHaveLength(3);
    expect(logged.join('\n')).not.toContain(secret);
    expect(logged[1]).toContain('https://evil.example/');
  });

  it('passes contract errors through and hides unexpected ones', async () => {
    const { ipcMain, service, trusted, logged } = setup();
    service.handlers.cancelCall.mockRejectedValueOnce(new ServiceError('twilio-error', 'Call is not in-progress. Cannot redirect.', 21220));
    expect(await ipcMain.invoke(requestChannel('cancelCall'), trusted, CALL_SID)).toEqual({
      ok: false,
      error: { code: 'twilio-error', message: 'Call is not in-progress. Cannot redirect.', twilioCode: 21220 },
    });
    service.handlers.getHealth.mockRejectedValueOnce(new Error('ENOENT /home/agent/secret/path'));
    const hidden = (await ipcMain.invoke(requestChannel('getHealth'), trusted)) as { ok: false; error: { code: string; message: string } };
    expect(hidden.error.code).toBe('internal');
    expect(hidden.error.message).not.toContain('/home/agent');
    expect(logged.some((line) => line.includes('getHealth failed'))).toBe(true);
  });
});

describe('forwardLiveEvents', () => {
  it('sends every live event to the window until unsubscribed, never to a destroyed one', () => {
    const { service, window } = setup();
    const unsubscribe = forwardLiveEvents(service.subscribe, window.webContents);
    const event: LiveEvent = { type: 'call', call: sampleCall() };
    service.publish(event);
    expect(window.webContents.sent).toEqual([{ channel: LIVE_EVENT_CHANNEL, args: [event] }]);
    window.webContents.destroyed = true;
    service.publish(event);
    window.webContents.destroyed = false;
    unsubscribe();
    service.publish(event);
    expect(window.webContents.sent).toHaveLength(1);
  });
});
