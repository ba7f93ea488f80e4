// A service stand-in: records every handler call, holds settings in memory, fans events out.
import { vi } from 'vitest';
import type { Alert, AlertKind, Call, LiveEvent, RequestHandlers, SettingsView } from '../../../preload/contract.ts';
import type { DesktopService } from '../../../main/electron/desktop-app.ts';
import { aCall } from '../../support/call-fixture.ts';

export const CALL_SID = `CA${'a'.repeat(32)}`;

export function sampleCall(overrides: Partial<Call> = {}): Call {
  return aCall({
    sid: CALL_SID,
    accountSid: `AC${'b'.repeat(32)}`,
    from: '+14155550100',
    to: '+14155550199',
    status: 'ringing',
    queuedAt: '2026-01-05T10:00:00.000Z',
    initiatedAt: '2026-01-05T10:00:01.000Z',
    ringingAt: '2026-01-05T10:00:02.000Z',
    updatedAt: '2026-01-05T10:00:02.000Z',
    ...overrides,
  });
}

export function sampleAlert(kind: AlertKind, call: Call = sampleCall()): Alert {
  return { id: `${call.sid}:${kind}`, kind, callSid: call.sid, at: '2026-01-05T10:00:40.000Z', call };
}

export function defaultSettings(): SettingsView {
  return {
    mode: 'sandbox',
    twilioAccountSid: null,
    twilioAuthTokenSet: false,
    twilioApiKeySid: null,
    twilioApiKeySecretSet: false,
    callerId: null,
    callerIds: [],
    dialMode: 'direct',
    agentNumber: null,
    directTwimlUrl: null,
    defaultCountry: 'US',
    longRingSeconds: 30,
    alerts: { busy: true, failed: true, 'no-answer': true, canceled: true, 'long-ring': true },
    doNotDisturb: false,
    redirectTarget: null,
    autoRingRule: null,
    ngrokAuthtokenSet: false,
    ngrokDomain: null,
    publicUrl: null,
    dataDir: '/tmp/ringside-test',
    language: 'system',
    startAtLogin: false,
  };
}

export interface FakeService extends DesktopService {
  settings: SettingsView;
  /** What listCalls({ status: 'live' }) reports as the total. */
  liveCalls: { count: number };
  published: LiveEvent[];
  closed: boolean;
  handlers: { [M in keyof RequestHandlers]: RequestHandlers[M] & ReturnType<typeof vi.fn> };
}

export function createFakeService(): FakeService {
  const listeners = new Set<(event: LiveEvent) => void>();
  const service: FakeService = {
    settings: defaultSettings(),
    liveCalls: { count: 0 },
    published: [],
    closed: false,
    handlers: {
      getHealth: vi.fn(async () => ({
        ok: true,
        mode: 'sandbox' as const,
        publicUrl: 'http://127.0.0.1:1',
        sandboxUrl: null,
        tunnel: 'off' as const,
        lastCallbackAt: null,
        problems: [],
      })),
      listCalls: vi.fn(async () => ({ calls: [], total: service.liveCalls.count, nextBefore: null })),
      getCall: vi.fn(async () => null),
      dial: vi.fn(async ({ to }) => sampleCall({ to, status: 'queued' })),
      cancelCall: vi.fn(async (sid) => sampleCall({ sid, status: 'canceled' })),
      redirectCall: vi.fn(async (sid) => sampleCall({ sid })),
      getSettings: vi.fn(async () => service.settings),
      saveSettings: vi.fn(async (patch) => {
        service.settings = { ...service.settings, ...(patch as Partial<SettingsView>) };
        return service.settings;
      }),
      getAnalytics: vi.fn(async (range) => ({
        range,
        calls: 0,
        answered: 0,
        answerRate: null,
        timeToAnswerSeconds: { median: null, p90: null },
        ringTimeHistogram: { bucketSeconds: 5, counts: [] },
        outcomes: [],
        failuresByCode: [],
        callsPerHour: [],
      })),
      exportCallsCsv: vi.fn(async () => 'sid\n'),
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(event) {
      service.published.push(event);
      for (const listener of listeners) listener(event);
    },
    async close() {
      service.closed = true;
    },
  };
  return service;
}
