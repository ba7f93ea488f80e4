// Builders for realistic call events in core tests.
import type { CallEvent, CallStatus, EventSource } from '../../../main/core/model.ts';

export const SID = 'CA0123456789abcdef0123456789abcdef';
export const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
export const T0 = Date.parse('2026-03-02T10:00:00.000Z');

export const iso = (secondsAfterT0: number): string => new Date(T0 + secondsAfterT0 * 1000).toISOString();

let nextId = 1;

export interface EventSpec {
  status: CallStatus;
  seq?: number | null;
  /** Seconds after T0 when the stage happened. */
  at: number;
  /** Seconds after T0 when it arrived; defaults to `at`. */
  received?: number;
  source?: EventSource;
  params?: Record<string, string>;
  token?: string | null;
  callSid?: string;
  id?: number;
}

/** A callback by default (with the standard callback fields); REST-like sources get REST field names. */
export function event(spec: EventSpec): CallEvent {
  const source = spec.source ?? (spec.seq === undefined || spec.seq === null ? 'rest' : 'callback');
  const callSid = spec.callSid ?? SID;
  const standard: Record<string, string> =
    source === 'callback'
      ? { CallSid: callSid, AccountSid: ACCOUNT, From: '+14155550100', To: '+14155550199', Direction: 'outbound-api', CallStatus: spec.status }
      : { sid: callSid, account_sid: ACCOUNT, from: '+14155550100', to: '+14155550199', direction: 'outbound-api', status: spec.status };
  return {
    id: spec.id ?? nextId++,
    callSid,
    status: spec.status,
    sequenceNumber: spec.seq ?? null,
    at: iso(spec.at),
    receivedAt: iso(spec.received ?? spec.at),
    source,
    params: { ...standard, ...spec.params },
    idempotencyToken: spec.token ?? null,
    signature: source === 'callback' ? 'valid' : 'not-applicable',
  };
}

/** A full answered outbound call: REST queued, then callbacks initiated → ringing → in-progress → completed. */
export function answeredCall(): CallEvent[] {
  return [
    event({ status: 'queued', at: 0 }),
    event({ status: 'initiated', seq: 0, at: 1 }),
    event({ status: 'ringing', seq: 1, at: 2 }),
    event({ status: 'in-progress', seq: 2, at: 9 }),
    event({ status: 'completed', seq: 3, at: 69, params: { CallDuration: '60', Duration: '1', SipResponseCode: '200', AnsweredBy: 'human' } }),
  ];
}
