import { describe, expect, it } from 'vitest';
import { buildTimeline, callStartedAt, deriveCall, ringSeconds, timeToAnswerSeconds } from '../../../main/core/derive.ts';
import { ACCOUNT, answeredCall, event, iso, SID } from './events.ts';

describe('deriveCall', () => {
  it('fills the call from callback parameters and stage times', () => {
    const call = deriveCall(answeredCall(), 'ringside');
    expect(call).toEqual({
      sid: SID,
      parentCallSid: null,
      accountSid: ACCOUNT,
      from: '+14155550100',
      to: '+14155550199',
      direction: 'outbound-api',
      status: 'completed',
      origin: 'ringside',
      queuedAt: iso(0),
      initiatedAt: iso(1),
      ringingAt: iso(2),
      answeredAt: iso(9),
      endedAt: iso(69),
      durationSeconds: 60,
      sipResponseCode: 200,
      answeredBy: 'human',
      errorCode: null,
      errorMessage: null,
      updatedAt: iso(69),
    });
  });

  it('reads REST field names from rest/reconciled events', () => {
    const call = deriveCall(
      [
        event({
          status: 'busy',
          source: 'reconciled',
          at: 30,
          received: 500,
          params: { parent_call_sid: 'CAparent', start_time: 'Mon, 02 Mar 2026 10:00:05 +0000', end_time: 'Mon, 02 Mar 2026 10:00:20 +0000', duration: '0', answered_by: 'machine_start' },
        }),
      ],
      'imported',
    );
    expect(call).toMatchObject({
      status: 'busy',
      origin: 'imported',
      parentCallSid: 'CAparent',
      accountSid: ACCOUNT,
      from: '+14155550100',
      initiatedAt: iso(5),
      endedAt: iso(20),
      durationSeconds: 0,
      answeredBy: 'machine_start',
      updatedAt: iso(500),
    });
  });

  it('takes ParentCallSid, SipResponseCode and error details from callbacks', () => {
    const call = deriveCall(
      [
        event({ status: 'initiated', seq: 0, at: 0, params: { ParentCallSid: 'CAparent', Direction: 'outbound-dial' } }),
        event({ status: 'failed', seq: 1, at: 3, params: { Direction: 'outbound-dial', SipResponseCode: '404', ErrorCode: '13224', ErrorMessage: 'Invalid number' } }),
      ],
      'callback',
    );
    expect(call).toMatchObject({ parentCallSid: 'CAparent', direction: 'outbound-dial', sipResponseCode: 404, errorCode: 13224, errorMessage: 'Invalid number', status: 'failed' });
  });

  it('keeps the terminal status when an earlier stage arrives late', () => {
    const call = deriveCall(
      [event({ status: 'initiated', seq: 0, at: 0 }), event({ status: 'no-answer', seq: 2, at: 30, received: 30 }), event({ status: 'ringing', seq: 1, at: 1, received: 31 })],
      'callback',
    );
    expect(call.status).toBe('no-answer');
    expect(call.ringingAt).toBe(iso(1));
    expect(call.endedAt).toBe(iso(30));
    expect(call.updatedAt).toBe(iso(31));
  });

  it('prefers the final callback over a reconciled final that disagrees, whatever arrives last', () => {
    const callbackBusy = event({ status: 'busy', seq: 2, at: 20, received: 20 });
    const reconciledFailed = event({ status: 'failed', source: 'reconciled', at: 25, received: 90 });
    expect(deriveCall([callbackBusy, reconciledFailed], 'callback').status).toBe('busy');
    expect(deriveCall([reconciledFailed, callbackBusy], 'callback').status).toBe('busy');
  });

  it('ignores duplicates: same status and SequenceNumber, or same idempotency token', () => {
    const events = answeredCall();
    const retried = { ...events[2]!, id: 99, receivedAt: iso(400) };
    const sameToken = [event({ status: 'canceled', source: 'action', at: 70, token: 'tok-1' }), event({ status: 'canceled', source: 'action', at: 80, received: 300, token: 'tok-1' })];
    expect(deriveCall([...events, retried], 'ringside')).toEqual(deriveCall(events, 'ringside'));
    expect(deriveCall(sameToken, 'ringside').endedAt).toBe(iso(70));
  });

  it('refuses no events and events of several calls', () => {
    expect(() => deriveCall([], 'callback')).toThrow(/at least one event/);
    expect(() => deriveCall([event({ status: 'queued', at: 0 }), event({ status: 'ringing', seq: 1, at: 1, callSid: 'CAother' })], 'callback')).toThrow(/several calls/);
  });
});

describe('buildTimeline', () => {
  it('lists distinct events in true order, flags late arrivals and counts duplicates', () => {
    const [queued, initiated, ringing, answered, completed] = answeredCall().map((e, i) => ({ ...e, receivedAt: iso([0, 1, 20, 9, 69][i]!) }));
    const retriedCompleted = { ...completed!, id: 500, receivedAt: iso(75) };
    const timeline = buildTimeline([completed!, answered!, ringing!, retriedCompleted, initiated!, queued!]);
    expect(timeline.map((entry) => [entry.status, entry.late, entry.duplicates])).toEqual([
      ['queued', false, 0],
      ['initiated', false, 0],
      ['ringing', true, 0],
      ['in-progress', false, 0],
      ['completed', false, 1],
    ]);
    expect(timeline[2]).toMatchObject({ eventId: ringing!.id, sequenceNumber: 1, source: 'callback', at: iso(2), receivedAt: iso(20) });
  });
});

describe('call durations', () => {
  it('ring time runs from ringing to answer, or from initiated to end when no ringing was sent', () => {
    expect(ringSeconds(deriveCall(answeredCall(), 'ringside'))).toBe(7);
    const noRinging = deriveCall([event({ status: 'initiated', seq: 0, at: 0 }), event({ status: 'no-answer', seq: 1, at: 25 })], 'callback');
    expect(ringSeconds(noRinging)).toBe(25);
  });

  it('time to answer runs from initiated to answer and is null when unanswered', () => {
    expect(timeToAnswerSeconds(deriveCall(answeredCall(), 'ringside'))).toBe(8);
    expect(timeToAnswerSeconds(deriveCall([event({ status: 'initiated', seq: 0, at: 0 }), event({ status: 'busy', seq: 1, at: 4 })], 'callback'))).toBeNull();
  });

  it('a call starts at its earliest stage', () => {
    expect(callStartedAt(deriveCall(answeredCall(), 'ringside'))).toBe(iso(0));
    expect(callStartedAt(deriveCall([event({ status: 'ringing', seq: 1, at: 7 })], 'callback'))).toBe(iso(7));
  });
});
