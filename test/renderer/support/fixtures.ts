import { aCall, callSid } from '../../support/call-fixture.ts';
import type { Call, CallWithTimeline, Health, SettingsView } from '../../../preload/contract.ts';

/** A Call SID as Twilio spells it: CA + 32 hex digits. */
export const sid = (n?: number): string => callSid(n);

export function makeCall(overrides: Partial<Call> = {}): Call {
  const at = overrides.queuedAt ?? '2026-01-01T10:00:00.000Z';
  return aCall({ accountSid: `AC${'0'.repeat(32)}`, to: '+14155550123', from: '+14155550100', queuedAt: at, updatedAt: at, ...overrides });
}

export function makeSettings(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    mode: 'sandbox',
    twilioAccountSid: 'AC00000000000000000000000000000000',
    twilioAuthTokenSet: true,
    twilioApiKeySid: null,
    twilioApiKeySecretSet: false,
    callerId: '+15005550006',
    callerIds: ['+15005550006', '+15005550007'],
    dialMode: 'direct',
    agentNumber: null,
    directTwimlUrl: null,
    defaultCountry: 'US',
    longRingSeconds: 30,
    alerts: { busy: true, failed: true, 'no-answer': true, canceled: false, 'long-ring': true },
    doNotDisturb: false,
    redirectTarget: null,
    autoRingRule: null,
    ngrokAuthtokenSet: false,
    ngrokDomain: null,
    publicUrl: null,
    dataDir: '/home/agent/.ringside',
    language: 'en',
    startAtLogin: false,
    ...overrides,
  };
}

export function makeHealth(overrides: Partial<Health> = {}): Health {
  return {
    ok: true,
    mode: 'sandbox',
    publicUrl: 'http://127.0.0.1:4100',
    sandboxUrl: 'http://127.0.0.1:4200',
    tunnel: 'off',
    lastCallbackAt: null,
    problems: [],
    ...overrides,
  };
}

export function withTimeline(call: Call, extra: Partial<CallWithTimeline> = {}): CallWithTimeline {
  return { ...call, timeline: [], children: [], events: [], ...extra };
}
