import { describe, expect, it } from 'vitest';
import { type AlertSettings, dueLongRings, evaluateAlerts, initialAlertState } from '../../../main/core/alerts.ts';
import { deriveCall } from '../../../main/core/derive.ts';
import type { Call } from '../../../main/core/model.ts';
import { event, iso, SID } from './events.ts';

const settings: AlertSettings = {
  longRingSeconds: 30,
  enabled: { busy: true, failed: true, 'no-answer': true, canceled: true, 'long-ring': true },
};

const initiated = deriveCall([event({ status: 'initiated', seq: 0, at: 0 })], 'callback');
const ringing = deriveCall([event({ status: 'initiated', seq: 0, at: 0 }), event({ status: 'ringing', seq: 1, at: 10 })], 'callback');
const ended = (status: Call['status'], at = 50): Call => ({ ...ringing, status, endedAt: iso(at), updatedAt: iso(at) });
const answered: Call = { ...ringing, status: 'in-progress', answeredAt: iso(45) };

describe('end-of-call alerts', () => {
  it.each(['busy', 'failed', 'no-answer', 'canceled'] as const)('raises %s once when the call reaches it', (status) => {
    const first = evaluateAlerts(initialAlertState(), { previous: ringing, call: ended(status) }, iso(51), settings);
    expect(first.raise).toEqual([{ id: `${SID}:${status}`, kind: status, callSid: SID, at: iso(51), call: ended(status) }]);
    const again = evaluateAlerts(first.state, { previous: ringing, call: ended(status) }, iso(52), settings);
    expect(again.raise).toEqual([]);
  });

  it('raises nothing for a completed call', () => {
    expect(evaluateAlerts(initialAlertState(), { previous: answered, call: ended('completed') }, iso(51), settings).raise).toEqual([]);
  });

  it('raises nothing for a disabled kind or under do-not-disturb', () => {
    const update = { previous: ringing, call: ended('busy') };
    expect(evaluateAlerts(initialAlertState(), update, iso(51), { ...settings, enabled: { ...settings.enabled, busy: false } }).raise).toEqual([]);
    expect(evaluateAlerts(initialAlertState(), update, iso(51), { ...settings, doNotDisturb: true }).raise).toEqual([]);
  });

  it('raises nothing new for an event arriving late for an already-final call', () => {
    // The final status changes (reconciliation disagreed), but the call was already over.
    const decision = evaluateAlerts(initialAlertState(), { previous: ended('no-answer'), call: ended('busy') }, iso(55), settings);
    expect(decision.raise).toEqual([]);
  });

  it('raises nothing for a call first seen already final long ago (imported history), but does for a fresh one', () => {
    const old = ended('failed', 50);
    expect(evaluateAlerts(initialAlertState(), { previous: null, call: old }, iso(50 + 301), settings).raise).toEqual([]);
    expect(evaluateAlerts(initialAlertState(), { previous: null, call: old }, iso(50 + 299), settings).raise.map((a) => a.kind)).toEqual(['failed']);
    expect(evaluateAlerts(initialAlertState(), { previous: null, call: old }, iso(50 + 100), { ...settings, freshForSeconds: 60 }).raise).toEqual([]);
  });

  it('returns the same state object when nothing changed', () => {
    const state = initialAlertState();
    expect(evaluateAlerts(state, { previous: null, call: ringing }, iso(11), settings).state).toBe(state);
  });
});

describe('long-ring alerts', () => {
  it('raises once the call has rung longer than the threshold, measured from ringing', () => {
    expect(dueLongRings(initialAlertState(), [ringing], iso(39), settings).raise).toEqual([]);
    const due = dueLongRings(initialAlertState(), [ringing], iso(40), settings);
    expect(due.raise.map((alert) => alert.id)).toEqual([`${SID}:long-ring`]);
    expect(dueLongRings(due.state, [ringing], iso(60), settings).raise).toEqual([]);
  });

  it('measures from initiated for a leg that never sends ringing', () => {
    expect(dueLongRings(initialAlertState(), [initiated], iso(30), settings).raise.map((alert) => alert.kind)).toEqual(['long-ring']);
  });

  it('is raised by evaluateAlerts too when an update shows a call still ringing past the threshold', () => {
    expect(evaluateAlerts(initialAlertState(), { previous: initiated, call: ringing }, iso(45), settings).raise.map((a) => a.kind)).toEqual(['long-ring']);
  });

  it('is withdrawn when the call is answered, once', () => {
    const { state } = dueLongRings(initialAlertState(), [ringing], iso(41), settings);
    const onAnswer = evaluateAlerts(state, { previous: ringing, call: answered }, iso(45), settings);
    expect(onAnswer.withdraw).toEqual([`${SID}:long-ring`]);
    expect(onAnswer.raise).toEqual([]);
    expect(evaluateAlerts(onAnswer.state, { previous: answered, call: ended('completed') }, iso(90), settings).withdraw).toEqual([]);
  });

  it('is withdrawn when the call ends, alongside the end alert', () => {
    const { state } = dueLongRings(initialAlertState(), [ringing], iso(41), settings);
    const decision = evaluateAlerts(state, { previous: ringing, call: ended('no-answer') }, iso(50), settings);
    expect(decision.withdraw).toEqual([`${SID}:long-ring`]);
    expect(decision.raise.map((a) => a.kind)).toEqual(['no-answer']);
  });

  it('is never raised when disabled', () => {
    const off = { ...settings, enabled: { ...settings.enabled, 'long-ring': false } };
    expect(dueLongRings(initialAlertState(), [ringing], iso(100), off).raise).toEqual([]);
  });
});

describe('alert state over a long day', () => {
  const FRESH = 300;
  const callSid = (n: number): string => `CA${n.toString(16).padStart(32, '0')}`;
  const busyCall = (n: number, endedAt: number): Call => ({ ...ended('busy', endedAt), sid: callSid(n) });

  it('forgets the ids of calls that ended before the freshness window, and never raises them again', () => {
    const raised = evaluateAlerts(initialAlertState(), { previous: ringing, call: ended('busy') }, iso(51), settings);
    expect(raised.state.raised.has(`${SID}:busy`)).toBe(true);
    const stillFresh = dueLongRings(raised.state, [], iso(50 + FRESH), settings).state;
    expect(stillFresh.raised.has(`${SID}:busy`)).toBe(true);
    const later = dueLongRings(stillFresh, [], iso(50 + FRESH + 1), settings).state;
    expect(later.raised.size).toBe(0);
    expect(later.ended.size).toBe(0);
    // Late and duplicate news about the forgotten call raises nothing.
    expect(evaluateAlerts(later, { previous: ended('busy'), call: ended('busy') }, iso(50 + FRESH + 2), settings).raise).toEqual([]);
    expect(evaluateAlerts(later, { previous: null, call: ended('busy') }, iso(50 + FRESH + 2), settings).raise).toEqual([]);
  });

  it('forgets a long-ring alert once its call ended long ago', () => {
    const { state } = dueLongRings(initialAlertState(), [ringing], iso(41), settings);
    const onEnd = evaluateAlerts(state, { previous: ringing, call: ended('completed', 60) }, iso(60), settings).state;
    expect(onEnd.ended.get(SID)).toBe(Date.parse(iso(60)));
    const later = dueLongRings(onEnd, [], iso(60 + FRESH + 1), settings).state;
    expect([later.raised.size, later.ringing.size, later.ended.size]).toEqual([0, 0, 0]);
  });

  it('keeps only the recent calls while thousands of calls end over the day', () => {
    let state = initialAlertState();
    for (let n = 0; n < 5000; n++) {
      const at = n * 10;
      state = evaluateAlerts(state, { previous: ringing, call: busyCall(n, at) }, iso(at), settings).state;
      if (n % 10 === 0) state = dueLongRings(state, [], iso(at), settings).state;
    }
    // One call ends every 10 s and the window is 300 s: about 30 are remembered, plus one tick's worth.
    expect(state.raised.size).toBeLessThanOrEqual(FRESH / 10 + 10);
    expect(state.raised.has(`${callSid(4999)}:busy`)).toBe(true);
  });

  it('remembers nothing for calls that ended without an alert', () => {
    const state = initialAlertState();
    expect(evaluateAlerts(state, { previous: answered, call: ended('completed') }, iso(51), settings).state).toBe(state);
  });
});
