import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LIVE_EVENT_CHANNEL, REQUEST_METHODS, requestChannel, type LiveEvent, type RingsideApi } from '../../preload/contract.ts';
import { CALL_SID, sampleCall } from './support/fake-service.ts';

// The stand-in for `electron` in the sandboxed preload: what it exposes and what it sends.
const bridge = vi.hoisted(() => {
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<Listener>>();
  const invoke = vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>();
  return {
    exposed,
    listeners,
    invoke,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke,
      on: (channel: string, listener: Listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(listener);
      },
      removeListener: (channel: string, listener: Listener) => listeners.get(channel)?.delete(listener),
      emit: (channel: string, ...args: unknown[]) => {
        for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc-internals' }, ...args);
      },
    },
  };
});
vi.mock('electron', () => ({ contextBridge: bridge.contextBridge, ipcRenderer: bridge.ipcRenderer }));

await import('../../preload/electron-preload.ts');
const api = bridge.exposed.get('ringside') as RingsideApi;

describe('the preload', () => {
  beforeEach(() => bridge.invoke.mockReset());

  it('exposes exactly the contract: one function per request method, plus subscribe', () => {
    expect([...bridge.exposed.keys()]).toEqual(['ringside']);
    expect(Object.keys(api).sort()).toEqual([...REQUEST_METHODS, 'subscribe'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it("invokes each method's own channel with its arguments and unwraps the value", async () => {
    const call = sampleCall({ status: 'canceled' });
    bridge.invoke.mockResolvedValue({ ok: true, value: call });
    await expect(api.cancelCall(CALL_SID)).resolves.toEqual(call);
    expect(bridge.invoke).toHaveBeenCalledWith(requestChannel('cancelCall'), CALL_SID);
    await api.redirectCall(CALL_SID, { to: '+14155550123' });
    expect(bridge.invoke).toHaveBeenLastCalledWith(requestChannel('redirectCall'), CALL_SID, { to: '+14155550123' });
    await api.getHealth();
    expect(bridge.invoke).toHaveBeenLastCalledWith(requestChannel('getHealth'));
  });

  it('rejects a failed envelope with the plain contract error, which contextBridge clones whole', async () => {
    const error = { code: 'twilio-error', message: 'Number unreachable', twilioCode: 13224 };
    bridge.invoke.mockResolvedValue({ ok: false, error });
    const failure = await api.dial({ to: '+14155550100' }).catch((rejection: unknown) => rejection);
    expect(failure).not.toBeInstanceOf(Error);
    expect(structuredClone(failure)).toEqual(error);
  });

  it('delivers live events without the IPC event, and unsubscribes only that listener', () => {
    const first: LiveEvent[] = [];
    const second: LiveEvent[] = [];
    const unsubscribeFirst = api.subscribe((event) => first.push(event));
    api.subscribe((event) => second.push(event));
    const event: LiveEvent = { type: 'focus-call', callSid: CALL_SID };
    bridge.ipcRenderer.emit(LIVE_EVENT_CHANNEL, event);
    unsubscribeFirst();
    bridge.ipcRenderer.emit(LIVE_EVENT_CHANNEL, event);
    expect(first).toEqual([event]);
    expect(second).toEqual([event, event]);
  });
});
