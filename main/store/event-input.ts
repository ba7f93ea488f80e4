// Checks an event before it reaches SQLite, so bad input fails with a clear message and nothing is written.
import { CALL_STATUSES } from '../core/model.ts';
import type { NewCallEvent } from './call-store.ts';

export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

const SOURCES = ['rest', 'callback', 'reconciled', 'action'];
const ORIGINS = ['ringside', 'callback', 'imported'];
const MAX_PARAMS_BYTES = 64 * 1024;

/** An instant as stored: UTC ISO 8601 with milliseconds, so text order is time order. */
export function storedInstant(value: string, field: string): string {
  const millis = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  const iso = Number.isNaN(millis) ? '' : new Date(millis).toISOString();
  if (iso.length !== 24) throw new InvalidEventError(`${field} is not a valid instant: ${String(value)}`);
  return iso;
}

function paramsJson(params: unknown): string {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new InvalidEventError('params must be an object');
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') throw new InvalidEventError(`params.${name} must be a string, got ${typeof value}`);
  }
  const json = JSON.stringify(params);
  if (json.length > MAX_PARAMS_BYTES) throw new InvalidEventError(`params are too large (${json.length} characters, max ${MAX_PARAMS_BYTES})`);
  return json;
}

export interface EventRow {
  call_sid: string;
  status: string;
  sequence_number: number | null;
  at: string;
  received_at: string;
  source: string;
  params: string;
  idempotency_token: string | null;
  signature: string;
}

export const EVENT_COLUMNS = [
  'call_sid',
  'status',
  'sequence_number',
  'at',
  'received_at',
  'source',
  'params',
  'idempotency_token',
  'signature',
] as const satisfies readonly (keyof EventRow)[];
// Compile-time check that EVENT_COLUMNS names every column of EventRow.
const _everyEventColumn: Exclude<keyof EventRow, (typeof EVENT_COLUMNS)[number]> extends never ? true : never = true;

function checkedRow(event: NewCallEvent): EventRow {
  const { callSid, status, sequenceNumber, source, origin, signature, idempotencyToken } = event;
  if (typeof callSid !== 'string' || callSid.length === 0 || callSid.length > 64) throw new InvalidEventError('callSid must be 1 to 64 characters');
  if (!CALL_STATUSES.includes(status)) throw new InvalidEventError(`unknown status ${String(status)}`);
  if (!SOURCES.includes(source)) throw new InvalidEventError(`unknown source ${String(source)}`);
  if (!ORIGINS.includes(origin)) throw new InvalidEventError(`unknown origin ${String(origin)}`);
  if (sequenceNumber !== null && !(Number.isSafeInteger(sequenceNumber) && sequenceNumber >= 0)) {
    throw new InvalidEventError(`sequenceNumber must be a non-negative integer or null, got ${String(sequenceNumber)}`);
  }
  // Callbacks are stored only once their signature verified; nothing else carries one.
  if (signature !== (source === 'callback' ? 'valid' : 'not-applicable')) {
    throw new InvalidEventError(`a ${source} event must have signature ${source === 'callback' ? 'valid' : 'not-applicable'}`);
  }
  if (idempotencyToken !== null && (typeof idempotencyToken !== 'string' || idempotencyToken.length === 0 || idempotencyToken.length > 256)) {
    throw new InvalidEventError('idempotencyToken must be null or 1 to 256 characters');
  }
  return {
    call_sid: callSid,
    status,
    sequence_number: sequenceNumber,
    at: storedInstant(event.at, 'at'),
    received_at: storedInstant(event.receivedAt, 'receivedAt'),
    source,
    params: paramsJson(event.params),
    idempotency_token: idempotencyToken,
    signature,
  };
}

/** The row to insert, or an InvalidEventError naming the call and the problem. */
export function eventRow(event: NewCallEvent): EventRow {
  try {
    return checkedRow(event);
  } catch (error) {
    const sid = typeof event?.callSid === 'string' ? event.callSid : '(no CallSid)';
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidEventError(`Invalid call event for ${sid}: ${reason}`, { cause: error });
  }
}
