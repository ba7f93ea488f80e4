// Deriving a call's state and timeline from its events: pure folds, independent of arrival order.
import type { Call, CallEvent, CallOrigin, CallStatus, TimelineEntry } from './model.ts';
import { compareArrival, compareTrueOrder, instantMillis } from './status.ts';

/** The keys that make two events the same observation: same idempotency token, or same callback (SequenceNumber + status). */
export function duplicateKeys(event: Pick<CallEvent, 'status' | 'sequenceNumber' | 'idempotencyToken'>): string[] {
  const keys: string[] = [];
  if (event.idempotencyToken !== null) keys.push(`token:${event.idempotencyToken}`);
  if (event.sequenceNumber !== null) keys.push(`seq:${event.sequenceNumber}:${event.status}`);
  return keys;
}

interface Distinct {
  event: CallEvent;
  duplicates: number;
}

/** Keeps the first arrival of each observation and counts the repeats, in arrival order. */
function distinctEvents(events: readonly CallEvent[]): Distinct[] {
  const kept: Distinct[] = [];
  const byKey = new Map<string, Distinct>();
  for (const event of [...events].sort(compareArrival)) {
    const keys = duplicateKeys(event);
    const original = keys.map((key) => byKey.get(key)).find((found) => found !== undefined);
    if (original) {
      original.duplicates += 1;
      continue;
    }
    const entry = { event, duplicates: 0 };
    kept.push(entry);
    for (const key of keys) byKey.set(key, entry);
  }
  return kept;
}

/** The distinct events of a call in true order. */
export function orderedEvents(events: readonly CallEvent[]): CallEvent[] {
  return distinctEvents(events)
    .map((entry) => entry.event)
    .sort(compareTrueOrder);
}

/** The first present, non-empty parameter among `names` (callback names first, then REST JSON names). */
function param(event: CallEvent, ...names: string[]): string | null {
  for (const name of names) {
    const value = event.params[name];
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

function integerOrNull(value: string | null): number | null {
  if (value === null) return null;
  const parsed = Number(value);
  return Number.isInteger(parsed) ? parsed : null;
}

function isoOrNull(value: string | null): string | null {
  if (value === null) return null;
  const millis = instantMillis(value);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

type StageField = 'queuedAt' | 'initiatedAt' | 'ringingAt' | 'answeredAt' | 'endedAt';

function stageField(status: CallStatus): StageField {
  if (status === 'queued') return 'queuedAt';
  if (status === 'initiated') return 'initiatedAt';
  if (status === 'ringing') return 'ringingAt';
  if (status === 'in-progress') return 'answeredAt';
  return 'endedAt';
}

/**
 * A call's state: a fold over its distinct events in true order. Later events override the fields
 * they carry; an earlier stage keeps the time it first happened, and the end time comes from the
 * winning final event (the last one in true order).
 */
export function deriveCall(events: readonly CallEvent[], origin: CallOrigin): Call {
  const ordered = orderedEvents(events);
  const first = ordered[0];
  if (!first) throw new Error('deriveCall needs at least one event');
  if (ordered.some((event) => event.callSid !== first.callSid)) {
    throw new Error(`deriveCall got events of several calls (${first.callSid} and others)`);
  }
  const call: Call = {
    sid: first.callSid,
    parentCallSid: null,
    accountSid: null,
    from: '',
    to: '',
    direction: '',
    status: first.status,
    origin,
    queuedAt: null,
    initiatedAt: null,
    ringingAt: null,
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    sipResponseCode: null,
    answeredBy: null,
    errorCode: null,
    errorMessage: null,
    updatedAt: first.receivedAt,
  };
  for (const event of ordered) {
    call.status = event.status;
    const field = stageField(event.status);
    const at = isoOrNull(event.at);
    if (field === 'endedAt') call.endedAt = isoOrNull(param(event, 'end_time')) ?? at;
    else call[field] ??= at;
    // REST `start_time` is when Twilio started dialing: the initiated stage, which REST never reports.
    call.initiatedAt ??= isoOrNull(param(event, 'start_time'));
    call.from = param(event, 'From', 'from') ?? call.from;
    call.to = param(event, 'To', 'to') ?? call.to;
    call.direction = param(event, 'Direction', 'direction') ?? call.direction;
    call.parentCallSid = param(event, 'ParentCallSid', 'parent_call_sid') ?? call.parentCallSid;
    call.accountSid = param(event, 'AccountSid', 'account_sid') ?? call.accountSid;
    call.durationSeconds = integerOrNull(param(event, 'CallDuration', 'duration')) ?? call.durationSeconds;
    call.sipResponseCode = integerOrNull(param(event, 'SipResponseCode')) ?? call.sipResponseCode;
    call.answeredBy = param(event, 'AnsweredBy', 'answered_by') ?? call.answeredBy;
    call.errorCode = integerOrNull(param(event, 'ErrorCode')) ?? call.errorCode;
    call.errorMessage = param(event, 'ErrorMessage') ?? call.errorMessage;
    if (instantMillis(event.receivedAt) > instantMillis(call.updatedAt)) call.updatedAt = event.receivedAt;
  }
  return call;
}

/** One entry per distinct event in true order, flagging events that arrived after a later stage. */
export function buildTimeline(events: readonly CallEvent[]): TimelineEntry[] {
  const ordered = distinctEvents(events).sort((a, b) => compareTrueOrder(a.event, b.event));
  const entries: TimelineEntry[] = [];
  // Walking backwards, remember the earliest arrival among the events that come later in true order.
  let earliestLaterArrival: CallEvent | null = null;
  for (let index = ordered.length - 1; index >= 0; index -= 1) {
    const { event, duplicates } = ordered[index] as Distinct;
    const late = earliestLaterArrival !== null && compareArrival(earliestLaterArrival, event) < 0;
    entries.push({
      eventId: event.id,
      status: event.status,
      at: event.at,
      receivedAt: event.receivedAt,
      sequenceNumber: event.sequenceNumber,
      source: event.source,
      late,
      duplicates,
    });
    if (earliestLaterArrival === null || compareArrival(event, earliestLaterArrival) < 0) earliestLaterArrival = event;
  }
  return entries.reverse();
}

function secondsBetween(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  return (instantMillis(end) - instantMillis(start)) / 1000;
}

/** Not yet answered or ended: initiated or ringing. */
export const isRinging = (call: Call): boolean => call.status === 'initiated' || call.status === 'ringing';

/**
 * Seconds the call has been ringing at `nowMs`: measured from ringing, else initiated (some legs
 * never send ringing); null when neither time is known or readable.
 */
export function ringingForSeconds(call: Call, nowMs: number): number | null {
  const since = call.ringingAt ?? call.initiatedAt;
  const sinceMs = since === null ? Number.NaN : instantMillis(since);
  return Number.isNaN(sinceMs) ? null : (nowMs - sinceMs) / 1000;
}

/** How long the call rang: from ringing (or initiated, for legs that never report ringing) to answer or end. */
export function ringSeconds(call: Call): number | null {
  return secondsBetween(call.ringingAt ?? call.initiatedAt, call.answeredAt ?? call.endedAt);
}

/** From when Twilio started dialing (initiated; else queued; else ringing) to the answer; null if never answered. */
export function timeToAnswerSeconds(call: Call): number | null {
  return secondsBetween(call.initiatedAt ?? call.queuedAt ?? call.ringingAt, call.answeredAt);
}

/** Whether the call was answered: it reached in-progress (a `completed` call always did). */
export function wasAnswered(call: Call): boolean {
  return call.answeredAt !== null || call.status === 'completed' || call.status === 'in-progress';
}

/** When the call started: its earliest known stage time. */
export function callStartedAt(call: Call): string {
  return call.queuedAt ?? call.initiatedAt ?? call.ringingAt ?? call.answeredAt ?? call.endedAt ?? call.updatedAt;
}
