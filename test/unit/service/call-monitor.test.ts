import { describe, expect, it } from 'vitest';
import { CallMonitor } from '../../../main/service/call-monitor.ts';
import { LiveEventHub } from '../../../main/service/live-events.ts';
import type { EffectiveSettings } from '../../../main/service/settings.ts';
import type { CallStore } from '../../../main/store/call-store.ts';
import type { RingRuleDecision } from '../../../main/core/ring-rule.ts';
import type { Call } from '../../../main/core/model.ts';
import { aCall } from '../../support/call-fixture.ts';

const start = Date.parse('2026-01-01T10:00:00.000Z');

function monitorOver(unfinished: { calls: Call[] }, clock: { ms: number }, listUnfinished = () => unfinished.calls) {
  const acted: RingRuleDecision[] = [];
  const logged: string[] = [];
  const settings = {
    longRingSeconds: 600,
    alerts: { busy: true, failed: true, 'no-answer': true, canceled: true, 'long-ring': true },
    autoRingRule: { afterSeconds: 30, action: 'cancel' },
  } as EffectiveSettings;
  const monitor = new CallMonitor({
    store: { listUnfinished } as unknown as CallStore,
    hub: new LiveEventHub(() => {}),
    settings: () => settings,
    now: () => new Date(clock.ms),
    act: async (decision) => {
      acted.push(decision);
    },
    log: (line) => logged.push(line),
  });
  return { monitor, acted, logged };
}

describe('CallMonitor ring rule', () => {
  it('acts once per call while it keeps ringing, and still once after other calls end', () => {
    const ringing = aCall({ status: 'ringing', ringingAt: new Date(start).toISOString() });
    const other = aCall({ status: 'ringing', ringingAt: new Date(start).toISOString() });
    const unfinished = { calls: [ringing, other] };
    const clock = { ms: start + 31_000 };
    const { monitor, acted } = monitorOver(unfinished, clock);
    monitor.tick();
    clock.ms += 1_000;
    monitor.tick();
    unfinished.calls = [ringing]; // `other` ended: forgotten, `ringing` still remembered
    clock.ms += 1_000;
    monitor.tick();
    expect(acted.map((decision) => decision.callSid).sort()).toEqual([ringing.sid, other.sid].sort());
  });
});

describe('CallMonitor periodic check', () => {
  it('never throws out of its timer: a failing store is logged', () => {
    const { monitor, logged } = monitorOver({ calls: [] }, { ms: start }, () => {
      throw new Error('database is locked');
    });
    expect(() => monitor.tick()).not.toThrow();
    expect(logged).toEqual(['call monitor: periodic check failed: database is locked']);
  });
});
