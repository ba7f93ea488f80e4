// A complete Call with sensible defaults, so each test states only what it is about.
import type { Call } from '../../preload/contract.ts';

let counter = 0;

/** A Call SID as Twilio spells it (CA + 32 hex digits): the n-th, or the next unused one. */
export function callSid(n?: number): string {
  if (n === undefined) counter += 1;
  return `CA${(n ?? counter).toString(16).padStart(32, '0')}`;
}

export function aCall(overrides: Partial<Call> = {}): Call {
  return {
    sid: callSid(),
    parentCallSid: null,
    accountSid: 'AC00000000000000000000000000000001',
    from: '+15005550006',
    to: '+14155550100',
    direction: 'outbound-api',
    status: 'queued',
    origin: 'ringside',
    queuedAt: '2026-01-01T10:00:00.000Z',
    initiatedAt: null,
    ringingAt: null,
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    sipResponseCode: null,
    answeredBy: null,
    errorCode: null,
    errorMessage: null,
    updatedAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}
