// Mapping between the calls table and the Call model.
import type { Call, CallEvent, CallOrigin, CallStatus, EventSource } from '../core/model.ts';
import type { EventRow } from './event-input.ts';

export interface CallRow {
  sid: string;
  parent_call_sid: string | null;
  account_sid: string | null;
  from_number: string;
  to_number: string;
  direction: string;
  status: string;
  origin: string;
  queued_at: string | null;
  initiated_at: string | null;
  ringing_at: string | null;
  answered_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  sip_response_code: number | null;
  answered_by: string | null;
  error_code: number | null;
  error_message: string | null;
  updated_at: string;
  created_at: string;
  search_text: string;
}

export const CALL_COLUMNS = [
  'sid',
  'parent_call_sid',
  'account_sid',
  'from_number',
  'to_number',
  'direction',
  'status',
  'origin',
  'queued_at',
  'initiated_at',
  'ringing_at',
  'answered_at',
  'ended_at',
  'duration_seconds',
  'sip_response_code',
  'answered_by',
  'error_code',
  'error_message',
  'updated_at',
  'created_at',
  'search_text',
] as const satisfies readonly (keyof CallRow)[];
// Compile-time check that CALL_COLUMNS names every column of CallRow.
const _everyCallColumn: Exclude<keyof CallRow, (typeof CALL_COLUMNS)[number]> extends never ? true : never = true;

/** An events row as read back: what was written, plus its id. */
export interface StoredEventRow extends EventRow {
  id: number;
}

/** Digits only, so '+1 (415) 555-0100' and '14155550100' match the same search. */
export const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** What a search matches: the SID, the numbers as written, and their digits alone. */
export const searchTextOf = (call: Call): string =>
  [call.sid, call.from, call.to, digitsOf(call.from), digitsOf(call.to)].join(' ').toLowerCase();

export function callToRow(call: Call, createdAt: string): CallRow {
  return {
    sid: call.sid,
    parent_call_sid: call.parentCallSid,
    account_sid: call.accountSid,
    from_number: call.from,
    to_number: call.to,
    direction: call.direction,
    status: call.status,
    origin: call.origin,
    queued_at: call.queuedAt,
    initiated_at: call.initiatedAt,
    ringing_at: call.ringingAt,
    answered_at: call.answeredAt,
    ended_at: call.endedAt,
    duration_seconds: call.durationSeconds,
    sip_response_code: call.sipResponseCode,
    answered_by: call.answeredBy,
    error_code: call.errorCode,
    error_message: call.errorMessage,
    updated_at: call.updatedAt,
    created_at: createdAt,
    search_text: searchTextOf(call),
  };
}

// The CHECK constraints guarantee the enumerations, so the casts below are sound.
export function rowToCall(row: CallRow): Call {
  return {
    sid: row.sid,
    parentCallSid: row.parent_call_sid,
    accountSid: row.account_sid,
    from: row.from_number,
    to: row.to_number,
    direction: row.direction,
    status: row.status as CallStatus,
    origin: row.origin as CallOrigin,
    queuedAt: row.queued_at,
    initiatedAt: row.initiated_at,
    ringingAt: row.ringing_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration_seconds,
    sipResponseCode: row.sip_response_code,
    answeredBy: row.answered_by,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    updatedAt: row.updated_at,
  };
}

export function rowToEvent(row: StoredEventRow): CallEvent {
  return eventOfRow(row, JSON.parse(row.params) as Record<string, string>);
}

/** The event of a row whose params are already parsed (an event just inserted: no need to parse them back). */
export function eventOfRow(row: StoredEventRow, params: Record<string, string>): CallEvent {
  return {
    id: row.id,
    callSid: row.call_sid,
    status: row.status as CallStatus,
    sequenceNumber: row.sequence_number,
    at: row.at,
    receivedAt: row.received_at,
    source: row.source as EventSource,
    params,
    idempotencyToken: row.idempotency_token,
    signature: row.signature as CallEvent['signature'],
  };
}
